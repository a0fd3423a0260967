package execution

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
)

var (
	start = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	stop  = start.Add(time.Hour)
	// A non-UTC zone, to check that times are stored in UTC.
	tokyo = time.FixedZone("JST", 9*60*60)
)

const (
	running   = types.ExecutionStatusRunning
	succeeded = types.ExecutionStatusSucceeded
	failed    = types.ExecutionStatusFailed
	timedOut  = types.ExecutionStatusTimedOut
	aborted   = types.ExecutionStatusAborted
	pending   = types.ExecutionStatusPendingRedrive
)

func ptr(s string) *string { return &s }

func TestCanTransition(t *testing.T) {
	t.Parallel()
	all := []types.ExecutionStatus{running, succeeded, failed, timedOut, aborted, pending, "", "BOGUS"}
	allowed := map[[2]types.ExecutionStatus]bool{
		{running, succeeded}: true,
		{running, failed}:    true,
		{running, timedOut}:  true,
		{running, aborted}:   true,
		{failed, running}:    true,
		{failed, pending}:    true,
		{timedOut, running}:  true,
		{timedOut, pending}:  true,
		{aborted, running}:   true,
		{aborted, pending}:   true,
		{pending, running}:   true,
		{pending, aborted}:   true,
	}
	// Every pair, so a transition added by mistake fails too.
	for _, from := range all {
		for _, to := range all {
			want := allowed[[2]types.ExecutionStatus{from, to}]
			if got := CanTransition(from, to); got != want {
				t.Errorf("CanTransition(%q, %q) = %v, want %v", from, to, got, want)
			}
		}
	}
}

func TestOpen(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		status types.ExecutionStatus
		want   bool
	}{
		{running, true}, {pending, true},
		{succeeded, false}, {failed, false}, {timedOut, false}, {aborted, false},
	} {
		x := &Execution{Status: tt.status}
		if got := x.Open(); got != tt.want {
			t.Errorf("Execution{Status: %s}.Open() = %v, want %v", tt.status, got, tt.want)
		}
	}
}

func runningExec() *Execution {
	return &Execution{
		ARN:             "arn:aws:states:us-east-1:123456789012:execution:orders:run-1",
		Name:            "run-1",
		StateMachineARN: "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
		Type:            types.StateMachineTypeStandard,
		Status:          running,
		Input:           `{"a":1}`,
		StartDate:       start,
	}
}

func TestClose(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		from    *Execution
		status  types.ExecutionStatus
		output  string
		errName *string
		cause   *string
		want    *Execution
	}{
		{
			name: "succeeded keeps the output", from: runningExec(), status: succeeded,
			output: `{"ok":true}`, errName: ptr("ignored"), cause: ptr("ignored"),
			want: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Output, x.HasOutput = succeeded, stop, `{"ok":true}`, true
			}),
		},
		{
			name: "succeeded with empty output still has output", from: runningExec(), status: succeeded,
			want: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.HasOutput = succeeded, stop, true
			}),
		},
		{
			name: "failed records error and cause", from: runningExec(), status: failed,
			output: "ignored", errName: ptr("Payment.Declined"), cause: ptr("card expired"),
			want: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Error, x.Cause = failed, stop, ptr("Payment.Declined"), ptr("card expired")
			}),
		},
		{
			name: "failed with nil error and cause keeps them absent", from: runningExec(), status: failed,
			want: with2(runningExec(), func(x *Execution) { x.Status, x.StopDate = failed, stop }),
		},
		{
			name: "empty strings are present, not absent", from: runningExec(), status: aborted,
			errName: ptr(""), cause: ptr(""),
			want: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Error, x.Cause = aborted, stop, ptr(""), ptr("")
			}),
		},
		{
			name: "timed out", from: runningExec(), status: timedOut, errName: ptr("States.Timeout"),
			want: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Error = timedOut, stop, ptr("States.Timeout")
			}),
		},
		{
			name: "pending redrive may be aborted",
			from: with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Error, x.Output, x.HasOutput = pending, start, ptr("old"), "stale", true
			}),
			status: aborted,
			want:   with2(runningExec(), func(x *Execution) { x.Status, x.StopDate = aborted, stop }),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := tt.from
			if err := x.Close(tt.status, stop.In(tokyo), tt.output, tt.errName, tt.cause); err != nil {
				t.Fatalf("Close(%s) = %v", tt.status, err)
			}
			if diff := cmp.Diff(tt.want, x); diff != "" {
				t.Errorf("after Close(%s) (-want +got):\n%s", tt.status, diff)
			}
			if x.StopDate.Location() != time.UTC {
				t.Errorf("StopDate location = %v, want UTC", x.StopDate.Location())
			}
			if tt.errName != nil && x.Error == tt.errName || tt.cause != nil && x.Cause == tt.cause {
				t.Errorf("Close kept the caller's pointers; want copies")
			}
		})
	}
}

func with2(x *Execution, f func(*Execution)) *Execution { f(x); return x }

func TestCloseRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		from types.ExecutionStatus
		to   types.ExecutionStatus
	}{
		{"closed twice", succeeded, failed},
		{"failed to succeeded", failed, succeeded},
		{"aborted to aborted", aborted, aborted},
		{"close to running is not a close", running, running},
		{"failed to running is a redrive, not a close", failed, running},
		{"failed to pending is not a close", failed, pending},
		{"pending to succeeded", pending, succeeded},
		{"pending to failed", pending, failed},
		{"unknown target", running, "BOGUS"},
		{"unknown source", "", succeeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			x := with2(runningExec(), func(x *Execution) {
				x.Status, x.StopDate, x.Error, x.Output, x.HasOutput = tt.from, start, ptr("E"), "out", true
			})
			before := x.Clone()
			err := x.Close(tt.to, stop, "new", ptr("new"), ptr("new"))
			var te *TransitionError
			if !errors.As(err, &te) || te.From != tt.from || te.To != tt.to {
				t.Fatalf("Close(%s) from %s = %v, want *TransitionError{%s, %s}", tt.to, tt.from, err, tt.from, tt.to)
			}
			if diff := cmp.Diff(before, x); diff != "" {
				t.Errorf("refused Close changed the record (-before +after):\n%s", diff)
			}
		})
	}
}

func closedExec(status types.ExecutionStatus) *Execution {
	return with2(runningExec(), func(x *Execution) {
		x.Status, x.StopDate = status, stop
		x.Error, x.Cause = ptr("States.TaskFailed"), ptr("boom")
		x.RedriveCount = 2
		x.RedriveDate = start.Add(time.Minute)
	})
}

func TestReopen(t *testing.T) {
	t.Parallel()
	redrive := stop.Add(24 * time.Hour)
	for _, from := range []types.ExecutionStatus{failed, timedOut, aborted, pending} {
		t.Run(string(from), func(t *testing.T) {
			t.Parallel()
			x := closedExec(from)
			if from == pending {
				x.Output, x.HasOutput = "stale", true
			}
			if err := x.Reopen(redrive.In(tokyo)); err != nil {
				t.Fatalf("Reopen from %s = %v", from, err)
			}
			want := with2(runningExec(), func(x *Execution) {
				x.RedriveCount = 3
				x.RedriveDate = redrive
			})
			if diff := cmp.Diff(want, x); diff != "" {
				t.Errorf("after Reopen from %s (-want +got):\n%s", from, diff)
			}
			if x.RedriveDate.Location() != time.UTC {
				t.Errorf("RedriveDate location = %v, want UTC", x.RedriveDate.Location())
			}
		})
	}
}

func TestReopenRefused(t *testing.T) {
	t.Parallel()
	for _, from := range []types.ExecutionStatus{running, succeeded, "", "BOGUS"} {
		t.Run(string(from), func(t *testing.T) {
			t.Parallel()
			x := closedExec(from)
			before := x.Clone()
			err := x.Reopen(stop.Add(time.Hour))
			var te *TransitionError
			if !errors.As(err, &te) || te.From != from || te.To != running {
				t.Fatalf("Reopen from %q = %v, want *TransitionError", from, err)
			}
			if diff := cmp.Diff(before, x); diff != "" {
				t.Errorf("refused Reopen changed the record (-before +after):\n%s", diff)
			}
		})
	}
}

func TestPendRedrive(t *testing.T) {
	t.Parallel()
	for _, from := range []types.ExecutionStatus{failed, timedOut, aborted} {
		x := closedExec(from)
		if err := x.PendRedrive(); err != nil {
			t.Fatalf("PendRedrive from %s = %v", from, err)
		}
		want := with2(closedExec(from), func(x *Execution) { x.Status = pending })
		if diff := cmp.Diff(want, x); diff != "" {
			t.Errorf("after PendRedrive from %s (-want +got):\n%s", from, diff)
		}
		if !x.Open() {
			t.Errorf("PENDING_REDRIVE execution is not Open")
		}
	}
	for _, from := range []types.ExecutionStatus{running, succeeded, pending, ""} {
		x := closedExec(from)
		before := x.Clone()
		var te *TransitionError
		if err := x.PendRedrive(); !errors.As(err, &te) || te.To != pending {
			t.Errorf("PendRedrive from %q = %v, want *TransitionError", from, err)
		}
		if diff := cmp.Diff(before, x); diff != "" {
			t.Errorf("refused PendRedrive changed the record (-before +after):\n%s", diff)
		}
	}
}

// TestRedriveCycle runs a whole life: fail, redrive, fail, pend, start, succeed.
func TestRedriveCycle(t *testing.T) {
	t.Parallel()
	x := runningExec()
	steps := []struct {
		name string
		do   func() error
		want types.ExecutionStatus
	}{
		{"fail", func() error { return x.Close(failed, stop, "", ptr("E"), nil) }, failed},
		{"redrive", func() error { return x.Reopen(stop.Add(time.Hour)) }, running},
		{"fail again", func() error { return x.Close(failed, stop.Add(2*time.Hour), "", ptr("E"), nil) }, failed},
		{"pend", x.PendRedrive, pending},
		{"start", func() error { return x.Reopen(stop.Add(3 * time.Hour)) }, running},
		{"succeed", func() error { return x.Close(succeeded, stop.Add(4*time.Hour), "{}", nil, nil) }, succeeded},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if x.Status != s.want {
			t.Fatalf("%s: status %s, want %s", s.name, x.Status, s.want)
		}
	}
	if x.RedriveCount != 2 || !x.RedriveDate.Equal(stop.Add(3*time.Hour)) {
		t.Errorf("RedriveCount, RedriveDate = %d, %v; want 2, %v", x.RedriveCount, x.RedriveDate, stop.Add(3*time.Hour))
	}
	if err := x.Reopen(stop.Add(5 * time.Hour)); err == nil {
		t.Errorf("Reopen of a SUCCEEDED execution = nil, want an error")
	}
}

func TestClone(t *testing.T) {
	t.Parallel()
	x := closedExec(failed)
	c := x.Clone()
	if diff := cmp.Diff(x, c); diff != "" {
		t.Fatalf("Clone differs (-orig +clone):\n%s", diff)
	}
	*c.Error = "changed"
	*c.Cause = "changed"
	if *x.Error != "States.TaskFailed" || *x.Cause != "boom" {
		t.Errorf("mutating the clone changed the original: %q %q", *x.Error, *x.Cause)
	}
	if (&Execution{}).Clone().Error != nil {
		t.Errorf("Clone of a nil Error is not nil")
	}
}

func TestTransitionErrorText(t *testing.T) {
	t.Parallel()
	err := (&Execution{Status: succeeded}).Reopen(stop)
	if want := "execution status cannot move from SUCCEEDED to RUNNING"; err == nil || err.Error() != want {
		t.Errorf("Reopen error = %v, want %q", err, want)
	}
}
