package maprun_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
	"github.com/sfnmem/sfnmem/maprun"
)

var t0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

const (
	smARN  = "arn:aws:states:us-east-1:123456789012:stateMachine:sm"
	runARN = "arn:aws:states:us-east-1:123456789012:mapRun:sm/lbl:3c39a231-69bb-3d89-8607-9e124eddbb0b"
	parent = "arn:aws:states:us-east-1:123456789012:execution:sm:parent"
)

const (
	pending  = maprun.Pending
	running  = types.ExecutionStatusRunning
	ok       = types.ExecutionStatusSucceeded
	failed   = types.ExecutionStatusFailed
	timedOut = types.ExecutionStatusTimedOut
	aborted  = types.ExecutionStatusAborted
	pendRd   = types.ExecutionStatusPendingRedrive
)

func newRun(t *testing.T) *maprun.MapRun {
	t.Helper()
	return maprun.New(runARN, parent, smARN+"/lbl", "lbl", t0)
}

// move is one Move call.
type move struct {
	from, to types.ExecutionStatus
	items    int64
}

func mustCheck(t *testing.T, m *maprun.MapRun) {
	t.Helper()
	if err := maprun.Check(m); err != nil {
		t.Fatalf("Check: %v", err)
	}
}

func TestMoves(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		children, items int64
		moves           []move
		wantExec        maprun.Counts
		wantItems       maprun.Counts
	}{
		{
			name: "added children are pending", children: 3, items: 3,
			wantExec:  maprun.Counts{Pending: 3, Total: 3},
			wantItems: maprun.Counts{Pending: 3, Total: 3},
		},
		{
			name: "batches count items per child", children: 2, items: 5,
			moves:     []move{{pending, running, 3}},
			wantExec:  maprun.Counts{Pending: 1, Running: 1, Total: 2},
			wantItems: maprun.Counts{Pending: 2, Running: 3, Total: 5},
		},
		{
			name: "every terminal status", children: 4, items: 4,
			moves: []move{
				{pending, running, 1}, {pending, running, 1}, {pending, running, 1}, {pending, running, 1},
				{running, ok, 1}, {running, failed, 1}, {running, timedOut, 1}, {running, aborted, 1},
			},
			wantExec:  maprun.Counts{Succeeded: 1, Failed: 1, TimedOut: 1, Aborted: 1, Total: 4},
			wantItems: maprun.Counts{Succeeded: 1, Failed: 1, TimedOut: 1, Aborted: 1, Total: 4},
		},
		{
			name: "redrive empties failed: one runs, one waits", children: 2, items: 2,
			moves: []move{
				{pending, running, 1}, {pending, running, 1}, {running, failed, 1}, {running, failed, 1},
				{failed, running, 1}, {failed, pendRd, 1},
			},
			wantExec:  maprun.Counts{Running: 1, PendingRedrive: 1, Total: 2},
			wantItems: maprun.Counts{Running: 1, PendingRedrive: 1, Total: 2},
		},
		{
			name: "pending redrive starts, then succeeds", children: 1, items: 2,
			moves: []move{
				{pending, running, 2}, {running, timedOut, 2}, {timedOut, pendRd, 2}, {pendRd, running, 2}, {running, ok, 2},
			},
			wantExec:  maprun.Counts{Succeeded: 1, Total: 1},
			wantItems: maprun.Counts{Succeeded: 2, Total: 2},
		},
		{
			name: "aborted Map Run aborts pending redrives", children: 1, items: 1,
			moves: []move{
				{pending, running, 1}, {running, aborted, 1}, {aborted, pendRd, 1}, {pendRd, aborted, 1},
			},
			wantExec:  maprun.Counts{Aborted: 1, Total: 1},
			wantItems: maprun.Counts{Aborted: 1, Total: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			if err := m.Add(tt.children, tt.items); err != nil {
				t.Fatalf("Add(%d, %d) = %v", tt.children, tt.items, err)
			}
			for _, mv := range tt.moves {
				if err := m.Move(mv.from, mv.to, mv.items); err != nil {
					t.Fatalf("Move(%s, %s, %d) = %v", mv.from, mv.to, mv.items, err)
				}
				mustCheck(t, m)
			}
			if diff := cmp.Diff(tt.wantExec, m.Executions); diff != "" {
				t.Errorf("Executions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantItems, m.Items); diff != "" {
				t.Errorf("Items (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMoveRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		from, to types.ExecutionStatus
		items    int64
	}{
		{"pending cannot finish", pending, ok, 1},
		{"pending cannot abort", pending, aborted, 1},
		{"succeeded is final", ok, running, 1},
		{"succeeded cannot pend redrive", ok, pendRd, 1},
		{"running cannot go back to pending", running, pending, 1},
		{"running cannot pend redrive", running, pendRd, 1},
		{"pending redrive cannot fail", pendRd, failed, 1},
		{"unknown status", "BOGUS", running, 1},
		{"empty from counter", running, ok, 1},
		{"zero items", pending, running, 0},
		{"more items than pending", pending, running, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			if err := m.Add(2, 3); err != nil {
				t.Fatal(err)
			}
			before := *m
			if err := m.Move(tt.from, tt.to, tt.items); err == nil {
				t.Fatalf("Move(%s, %s, %d) = nil, want an error", tt.from, tt.to, tt.items)
			}
			if diff := cmp.Diff(before, *m); diff != "" {
				t.Errorf("a refused Move changed the Map Run (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMoveTransitionError(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	err := m.Move(ok, running, 1)
	var te *execution.TransitionError
	if !errors.As(err, &te) || te.From != ok || te.To != running {
		t.Fatalf("Move(SUCCEEDED, RUNNING) = %v, want *execution.TransitionError", err)
	}
}

func TestAdd(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		children, items int64
		wantErr         bool
	}{
		{"none", 0, 0, false},
		{"one each", 5, 5, false},
		{"batched", 2, 10, false},
		{"negative children", -1, 0, true},
		{"fewer items than children", 3, 2, true},
		{"items without children", 0, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			err := m.Add(tt.children, tt.items)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Add(%d, %d) = %v, want error %v", tt.children, tt.items, err, tt.wantErr)
			}
			mustCheck(t, m)
		})
	}
}

func TestAddOverflow(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	if err := m.Add(math.MaxInt64-1, math.MaxInt64-1); err != nil {
		t.Fatal(err)
	}
	if err := m.Add(1, 1); err != nil {
		t.Fatal(err)
	}
	if err := m.Add(1, 1); err == nil {
		t.Fatal("Add past MaxInt64 = nil, want an error")
	}
}

func TestSDKCounts(t *testing.T) {
	t.Parallel()
	c := maprun.Counts{Pending: 1, Running: 2, Succeeded: 3, Failed: 4, TimedOut: 5, Aborted: 6,
		PendingRedrive: 7, Total: 28, ResultsWritten: 8, FailuresNotRedrivable: 9}
	wantExec := &types.MapRunExecutionCounts{Pending: 1, Running: 2, Succeeded: 3, Failed: 4, TimedOut: 5,
		Aborted: 6, Total: 28, ResultsWritten: 8, PendingRedrive: aws.Int64(7), FailuresNotRedrivable: aws.Int64(9)}
	if diff := cmp.Diff(wantExec, c.SDKExecution(), sdkcmp.Options); diff != "" {
		t.Errorf("SDKExecution (-want +got):\n%s", diff)
	}
	wantItems := &types.MapRunItemCounts{Pending: 1, Running: 2, Succeeded: 3, Failed: 4, TimedOut: 5,
		Aborted: 6, Total: 28, ResultsWritten: 8, PendingRedrive: aws.Int64(7), FailuresNotRedrivable: aws.Int64(9)}
	if diff := cmp.Diff(wantItems, c.SDKItems(), sdkcmp.Options); diff != "" {
		t.Errorf("SDKItems (-want +got):\n%s", diff)
	}
	// Zero optional counters are present, not nil.
	z := maprun.Counts{}.SDKExecution()
	if z.PendingRedrive == nil || z.FailuresNotRedrivable == nil {
		t.Errorf("SDKExecution of zero Counts has nil optional counters: %+v", z)
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(m *maprun.MapRun)
		want   string // substring of the error; "" for none
	}{
		{"consistent", func(m *maprun.MapRun) {}, ""},
		{"negative counter", func(m *maprun.MapRun) { m.Executions.Failed = -1; m.Executions.Pending++ }, "FAILED = -1"},
		{"sum off", func(m *maprun.MapRun) { m.Executions.Succeeded++ }, "add up to"},
		{"items sum off", func(m *maprun.MapRun) { m.Items.Total++ }, "itemCounts: statuses add up"},
		{"items without children", func(m *maprun.MapRun) { m.Items.Pending--; m.Items.Running++ }, "RUNNING: 1 items in 0 children"},
		{"children without items", func(m *maprun.MapRun) {
			m.Executions.Pending--
			m.Executions.Running++
		}, "RUNNING: 0 items in 1 children"},
		{"results written past total", func(m *maprun.MapRun) { m.Executions.ResultsWritten = 3 }, "resultsWritten 3 > total 2"},
		{"not redrivable past unsuccessful", func(m *maprun.MapRun) { m.Items.FailuresNotRedrivable = 1 }, "failuresNotRedrivable 1"},
		{"running with stop date", func(m *maprun.MapRun) { m.StopDate = t0 }, "RUNNING Map Run has stopDate"},
		{"closed without stop date", func(m *maprun.MapRun) { m.Status = types.MapRunStatusFailed }, "FAILED Map Run has no stopDate"},
		{"bad status", func(m *maprun.MapRun) { m.Status = "PENDING_REDRIVE" }, "not a MapRunStatus"},
		{"redrive count without date", func(m *maprun.MapRun) { m.RedriveCount = 1 }, "redriveCount 1 with redriveDate"},
		{"redrive count past limit", func(m *maprun.MapRun) { m.RedriveCount = 1001; m.RedriveDate = t0 }, "outside 0..1000"},
		{"negative tolerance", func(m *maprun.MapRun) { m.ToleratedFailureCount = -1 }, "toleratedFailureCount -1"},
		{"percentage over 100", func(m *maprun.MapRun) { m.ToleratedFailurePercentage = 100.5 }, "outside 0..100"},
		{"closed with pending redrive", func(m *maprun.MapRun) {
			m.Status, m.StopDate = types.MapRunStatusAborted, t0
			m.Executions.Pending--
			m.Executions.PendingRedrive++
			m.Items.Pending -= 2
			m.Items.PendingRedrive += 2
		}, "children pending redrive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			if err := m.Add(2, 3); err != nil {
				t.Fatal(err)
			}
			tt.mutate(m)
			err := maprun.Check(m)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Check = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Check = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSetResultsWrittenAndNotRedrivable(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	if err := m.Add(3, 4); err != nil {
		t.Fatal(err)
	}
	for _, mv := range []move{{pending, running, 2}, {running, failed, 2}, {pending, running, 1}, {running, timedOut, 1}} {
		if err := m.Move(mv.from, mv.to, mv.items); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.SetResultsWritten(4, 4); err == nil {
		t.Error("SetResultsWritten(4 of 3 children) = nil, want an error")
	}
	if err := m.SetResultsWritten(2, 3); err != nil {
		t.Errorf("SetResultsWritten(2, 3) = %v", err)
	}
	if err := m.SetFailuresNotRedrivable(3, 3); err == nil {
		t.Error("SetFailuresNotRedrivable(3 of 2 unsuccessful) = nil, want an error")
	}
	if err := m.SetFailuresNotRedrivable(1, 2); err != nil {
		t.Errorf("SetFailuresNotRedrivable(1, 2) = %v", err)
	}
	mustCheck(t, m)
	if m.Executions.ResultsWritten != 2 || m.Items.ResultsWritten != 3 ||
		m.Executions.FailuresNotRedrivable != 1 || m.Items.FailuresNotRedrivable != 2 {
		t.Errorf("counters = %+v / %+v", m.Executions, m.Items)
	}
}

func TestSlots(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		max     int32
		running int64
		want    int64
	}{
		{"unset means 10,000", 0, 3, maprun.DefaultMaxConcurrency - 3},
		{"room left", 10, 4, 6},
		{"full", 10, 10, 0},
		{"limit lowered below running", 2, 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			m.MaxConcurrency = tt.max
			if err := m.Add(tt.running, tt.running); err != nil {
				t.Fatal(err)
			}
			for range tt.running {
				if err := m.Move(pending, running, 1); err != nil {
					t.Fatal(err)
				}
			}
			if got := m.Slots(); got != tt.want {
				t.Errorf("Slots() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestCloseAndRedrive(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	if err := m.Add(1, 1); err != nil {
		t.Fatal(err)
	}
	if m.Redrivable() {
		t.Error("a RUNNING Map Run is Redrivable")
	}
	if err := m.Redriven(t0); err == nil {
		t.Error("Redriven on a RUNNING Map Run = nil, want an error")
	}
	if err := m.Close(types.MapRunStatusRunning, t0); err == nil {
		t.Error("Close(RUNNING) = nil, want an error")
	}
	stop := t0.Add(time.Minute)
	if err := m.Close(types.MapRunStatusFailed, stop.In(time.FixedZone("x", 3600))); err != nil {
		t.Fatalf("Close(FAILED) = %v", err)
	}
	mustCheck(t, m)
	if err := m.Close(types.MapRunStatusSucceeded, stop); err == nil {
		t.Error("Close of a closed Map Run = nil, want an error")
	}
	if m.StopDate != stop || m.StopDate.Location() != time.UTC {
		t.Errorf("StopDate = %v, want %v in UTC", m.StopDate, stop)
	}
	if !m.Redrivable() {
		t.Error("a FAILED Map Run is not Redrivable")
	}
	redrive := stop.Add(time.Hour)
	if err := m.Redriven(redrive); err != nil {
		t.Fatalf("Redriven = %v", err)
	}
	mustCheck(t, m)
	if m.Status != types.MapRunStatusRunning || !m.StopDate.IsZero() || m.RedriveCount != 1 || m.RedriveDate != redrive {
		t.Errorf("after Redriven: status %s stop %v count %d date %v", m.Status, m.StopDate, m.RedriveCount, m.RedriveDate)
	}
}

func TestCloseRefusesPendingRedrive(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	if err := m.Add(1, 1); err != nil {
		t.Fatal(err)
	}
	for _, mv := range []move{{pending, running, 1}, {running, failed, 1}, {failed, pendRd, 1}} {
		if err := m.Move(mv.from, mv.to, mv.items); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.Close(types.MapRunStatusAborted, t0); err == nil {
		t.Fatal("Close with a child pending redrive = nil, want an error")
	}
	if err := m.Move(pendRd, aborted, 1); err != nil {
		t.Fatal(err)
	}
	if err := m.Close(types.MapRunStatusAborted, t0); err != nil {
		t.Fatalf("Close(ABORTED) = %v", err)
	}
	if m.Executions.PendingRedrive != 0 {
		t.Errorf("pendingRedrive = %d after abort, want 0 (spec 2.3)", m.Executions.PendingRedrive)
	}
}

func TestRedriveLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		count   int32
		wantErr bool
	}{
		{"999 redrives: one more allowed", maprun.MaxRedrives - 1, false},
		{"1000 redrives: limit reached", maprun.MaxRedrives, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			m.Status, m.StopDate = types.MapRunStatusFailed, t0
			m.RedriveCount, m.RedriveDate = tt.count, t0
			if got := m.Redrivable(); got == tt.wantErr {
				t.Errorf("Redrivable() = %v", got)
			}
			err := m.Redriven(t0.Add(time.Hour))
			var e *maprun.Error
			if tt.wantErr {
				if !errors.As(err, &e) || e.Name != "States.Runtime" {
					t.Fatalf("Redriven = %v, want States.Runtime", err)
				}
				if m.RedriveCount != tt.count || m.Status != types.MapRunStatusFailed {
					t.Errorf("a refused redrive changed the Map Run: %+v", m)
				}
				return
			}
			if err != nil || m.RedriveCount != tt.count+1 {
				t.Fatalf("Redriven = %v, redriveCount %d", err, m.RedriveCount)
			}
		})
	}
}

func TestListItem(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	want := types.MapRunListItem{ExecutionArn: aws.String(parent), MapRunArn: aws.String(runARN),
		StateMachineArn: aws.String(smARN + "/lbl"), StartDate: aws.Time(t0)}
	if diff := cmp.Diff(want, m.ListItem(), sdkcmp.Options); diff != "" {
		t.Errorf("running ListItem (-want +got):\n%s", diff)
	}
	if err := m.Close(types.MapRunStatusSucceeded, t0.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	want.StopDate = aws.Time(t0.Add(time.Second))
	if diff := cmp.Diff(want, m.ListItem(), sdkcmp.Options); diff != "" {
		t.Errorf("closed ListItem (-want +got):\n%s", diff)
	}
}

func TestCopyIsDeep(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	if err := m.Add(1, 1); err != nil {
		t.Fatal(err)
	}
	c := *m
	if err := m.Move(pending, running, 1); err != nil {
		t.Fatal(err)
	}
	if c.Executions.Running != 0 {
		t.Error("a copy of a MapRun shares its counters")
	}
}
