package sfnmem_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// The redriveStatusReason texts of spec 1.6, as DescribeExecution documents
// them.
const (
	reasonDeleting     = "State machine is in DELETING status"
	reasonRunning      = "Execution is RUNNING and cannot be redriven"
	reasonSucceeded    = "Execution is SUCCEEDED and cannot be redriven"
	reasonBeforeLaunch = "Execution was started before the launch of RedriveExecution"
	reasonEventLimit   = "Execution history event limit exceeded"
	reasonMaxTime      = "Execution has exceeded the max execution time"
	reasonExpired      = "Execution redrivable period exceeded"
)

const day = 24 * time.Hour

// waitThenFail waits d, then fails.
func waitThenFail(d time.Duration) string {
	return `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":` + strconv.FormatInt(int64(d/time.Second), 10) + `,"Next":"Boom"},
		"Boom":{"Type":"Fail","Error":"Boom"}}}`
}

// failedAt returns an engine whose fake clock starts at start and a FAILED
// execution of defFail started then.
func failedAt(t *testing.T, start time.Time, opts ...sfnmem.Option) (*sfnmem.Engine, *clock.Fake, string) {
	t.Helper()
	clk := clock.NewFake(start)
	e, _ := newEngine(t, append([]sfnmem.Option{sfnmem.WithClock(clk)}, opts...)...)
	sm := mustCreate(t, e, "failing", defFail)
	return e, clk, mustStart(t, e, sm, "x", `{}`)
}

// checkRedrivable asserts that DescribeExecution and RedriveExecution agree
// on whether arn may be redriven (spec 1.6): reason "" means REDRIVABLE and
// a successful redrive; otherwise NOT_REDRIVABLE with reason, and
// ExecutionNotRedrivable with the same text, changing nothing.
func checkRedrivable(t *testing.T, e *sfnmem.Engine, arn, reason string) {
	t.Helper()
	d := mustDescribe(t, e, arn)
	if reason == "" {
		if d.RedriveStatus != types.ExecutionRedriveStatusRedrivable || d.RedriveStatusReason != nil {
			t.Errorf("DescribeExecution: redriveStatus %s, reason %q; want REDRIVABLE and no reason", d.RedriveStatus, aws.ToString(d.RedriveStatusReason))
		}
	} else if d.RedriveStatus != types.ExecutionRedriveStatusNotRedrivable || aws.ToString(d.RedriveStatusReason) != reason {
		t.Errorf("DescribeExecution: redriveStatus %s, reason %q; want NOT_REDRIVABLE, %q", d.RedriveStatus, aws.ToString(d.RedriveStatusReason), reason)
	}
	events := len(mustEvents(t, e, arn))
	out, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn})
	after := mustDescribe(t, e, arn)
	if reason == "" {
		if err != nil {
			t.Fatalf("RedriveExecution = %v, want success", err)
		}
		if aws.ToInt32(after.RedriveCount) != aws.ToInt32(d.RedriveCount)+1 || !aws.ToTime(after.RedriveDate).Equal(aws.ToTime(out.RedriveDate)) {
			t.Errorf("after RedriveExecution: redriveCount %d, redriveDate %v; want %d, %v",
				aws.ToInt32(after.RedriveCount), after.RedriveDate, aws.ToInt32(d.RedriveCount)+1, out.RedriveDate)
		}
		return
	}
	checkAPIError(t, "RedriveExecution", err, wantErr{code: "ExecutionNotRedrivable", msg: reason})
	if diff := cmp.Diff(d, after, sdkcmp.Options); diff != "" {
		t.Errorf("refused RedriveExecution changed DescribeExecution (-before +after):\n%s", diff)
	}
	if got := len(mustEvents(t, e, arn)); got != events {
		t.Errorf("refused RedriveExecution: history has %d events, want %d", got, events)
	}
}

// Each reason of spec 1.6, and each boundary of spec 1.2, at the engine
// level: DescribeExecution and RedriveExecution always agree.
func TestRedriveRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  func(t *testing.T) (*sfnmem.Engine, string)
		reason string
	}{
		{"FAILED", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, t0)
			return e, arn
		}, ""},
		{"SUCCEEDED", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _ := newEngine(t)
			return e, mustStart(t, e, mustCreate(t, e, "pass", defPass), "x", `{}`)
		}, reasonSucceeded},
		{"RUNNING", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _ := newEngine(t)
			return e, mustStart(t, e, mustCreate(t, e, "waiter", defWait), "x", `{}`)
		}, reasonRunning},
		{"ABORTED", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _ := newEngine(t)
			arn := mustStart(t, e, mustCreate(t, e, "waiter", defWait), "x", `{}`)
			if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
				t.Fatal(err)
			}
			return e, arn
		}, ""},
		{"TIMED_OUT", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk := newEngine(t)
			sm := mustCreate(t, e, "slow", `{"StartAt":"Pause","TimeoutSeconds":10,"States":{"Pause":{"Type":"Wait","Seconds":60,"End":true}}}`)
			arn := mustStart(t, e, sm, "x", `{}`)
			clk.Advance(10 * time.Second)
			return e, arn
		}, ""},
		{"exactly 14 days after stopDate", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk, arn := failedAt(t, t0)
			clk.Advance(14 * day)
			return e, arn
		}, ""},
		{"14 days and 1ms after stopDate", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk, arn := failedAt(t, t0)
			clk.Advance(14*day + time.Millisecond)
			return e, arn
		}, reasonExpired},
		{"14 days after the latest stop", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk, arn := failedAt(t, t0)
			clk.Advance(13 * day)
			redrive(t, e, arn) // fails again at once
			clk.Advance(14 * day)
			return e, arn
		}, ""},
		{"14 days and 1ms after the latest stop", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk, arn := failedAt(t, t0)
			clk.Advance(13 * day)
			redrive(t, e, arn)
			clk.Advance(14*day + time.Millisecond)
			return e, arn
		}, reasonExpired},
		{"started 2023-11-14T23:59:59Z", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, time.Date(2023, 11, 14, 23, 59, 59, 0, time.UTC))
			return e, arn
		}, reasonBeforeLaunch},
		{"started 2023-11-15T00:00:00Z", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC))
			return e, arn
		}, ""},
		{"history 2 below the limit", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, t0, sfnmem.WithHistoryLimit(7)) // 5 events: room for ExecutionRedriven and one more
			wantEvents(t, e, arn, 5)
			return e, arn
		}, ""},
		{"history 1 below the limit", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, t0, sfnmem.WithHistoryLimit(6))
			wantEvents(t, e, arn, 5)
			return e, arn
		}, reasonEventLimit},
		{"history at the limit", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _, arn := failedAt(t, t0, sfnmem.WithHistoryLimit(5))
			wantEvents(t, e, arn, 5)
			return e, arn
		}, reasonEventLimit},
		{"failed for reaching the history limit", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _ := newEngine(t, sfnmem.WithHistoryLimit(6))
			arn := mustStart(t, e, mustCreate(t, e, "steps", defSteps), "x", `{}`) // needs 10 events
			d := mustDescribe(t, e, arn)
			if d.Status != types.ExecutionStatusFailed {
				t.Fatalf("execution past the history limit: status %s, want FAILED", d.Status)
			}
			events := wantEvents(t, e, arn, 6)
			if last := events[5].Type; last != types.HistoryEventTypeExecutionFailed {
				t.Errorf("last event %s, want ExecutionFailed", last)
			}
			return e, arn
		}, reasonEventLimit},
		{"failed exactly 365 days after its start", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk := newEngine(t)
			arn := mustStart(t, e, mustCreate(t, e, "year", waitThenFail(365*day)), "x", `{}`)
			clk.Advance(365 * day)
			return e, arn
		}, ""},
		{"365 days and 1ms after its start", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk := newEngine(t)
			arn := mustStart(t, e, mustCreate(t, e, "year", waitThenFail(365*day)), "x", `{}`)
			clk.Advance(365*day + time.Millisecond)
			return e, arn
		}, reasonMaxTime},
		{"failed 366 days after its start", func(t *testing.T) (*sfnmem.Engine, string) {
			e, clk := newEngine(t)
			arn := mustStart(t, e, mustCreate(t, e, "leap", waitThenFail(366*day)), "x", `{}`)
			clk.Advance(366 * day)
			return e, arn
		}, reasonMaxTime},
		{"state machine DELETING", func(t *testing.T) (*sfnmem.Engine, string) {
			e, _ := newEngine(t)
			sm := mustCreate(t, e, "route", defRoute)
			arn := mustStart(t, e, sm, "failed", `{}`)
			mustStart(t, e, sm, "waiting", `{"wait":true}`) // keeps the machine DELETING
			if _, err := e.DeleteStateMachine(context.Background(), &sfn.DeleteStateMachineInput{StateMachineArn: &sm}); err != nil {
				t.Fatal(err)
			}
			return e, arn
		}, reasonDeleting},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, arn := tt.setup(t)
			checkRedrivable(t, e, arn, tt.reason)
		})
	}
}

func wantEvents(t *testing.T, e *sfnmem.Engine, arn string, n int) []types.HistoryEvent {
	t.Helper()
	events := mustEvents(t, e, arn)
	if len(events) != n {
		t.Fatalf("history has %d events, want %d", len(events), n)
	}
	return events
}

// A REDRIVABLE execution reports redriveCount 0 and neither a
// redriveStatusReason nor a redriveDate (aws-recorded.md 3.1).
func TestRedrivableDescribe(t *testing.T) {
	t.Parallel()
	e, _, arn := failedAt(t, t0)
	want := &sfn.DescribeExecutionOutput{
		ExecutionArn:    aws.String(arn),
		StateMachineArn: aws.String(arnPrefix + "stateMachine:failing"),
		Name:            aws.String("x"),
		Status:          types.ExecutionStatusFailed,
		StartDate:       aws.Time(t0),
		StopDate:        aws.Time(t0),
		Input:           aws.String(`{}`),
		InputDetails:    &types.CloudWatchEventsExecutionDataDetails{Included: true},
		Error:           aws.String("Boom"),
		Cause:           aws.String("always"),
		RedriveCount:    aws.Int32(0),
		RedriveStatus:   types.ExecutionRedriveStatusRedrivable,
	}
	if diff := cmp.Diff(want, mustDescribe(t, e, arn), sdkcmp.Options); diff != "" {
		t.Errorf("DescribeExecution (-want +got):\n%s", diff)
	}
}

// With WithMaxOpenExecutions(1), a second open execution, started or
// redriven, is ExecutionLimitExceeded (DG-CWMetrics: a redrive reopens the
// execution), and the refusal changes nothing.
func TestExecutionLimitExceeded(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t, sfnmem.WithMaxOpenExecutions(1))
	ctx := context.Background()
	failing := mustCreate(t, e, "failing", defFail)
	waiter := mustCreate(t, e, "waiter", defWait)
	broken := mustStart(t, e, failing, "broken", `{}`) // closed at once: holds no slot
	mustStart(t, e, waiter, "running", `{}`)

	_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &waiter, Name: aws.String("second")})
	checkAPIError(t, "StartExecution", err, wantErr{code: "ExecutionLimitExceeded"})

	before := mustDescribe(t, e, broken)
	events := len(mustEvents(t, e, broken))
	_, err = e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &broken})
	checkAPIError(t, "RedriveExecution", err, wantErr{code: "ExecutionLimitExceeded"})
	if diff := cmp.Diff(before, mustDescribe(t, e, broken), sdkcmp.Options); diff != "" {
		t.Errorf("refused redrive changed DescribeExecution (-before +after):\n%s", diff)
	}
	if got := len(mustEvents(t, e, broken)); got != events {
		t.Errorf("refused redrive: %d events, want %d", got, events)
	}

	clk.Advance(time.Minute) // "running" succeeds and frees its slot
	redrive(t, e, broken)
	if _, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &waiter, Name: aws.String("second")}); err != nil {
		t.Errorf("StartExecution with a free slot = %v", err)
	}
}

// defLongWait waits an hour: long enough to stay RUNNING past the 15-minute
// clientToken window.
const defLongWait = `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":3600,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`

func redriveWith(e *sfnmem.Engine, arn, token string) (*sfn.RedriveExecutionOutput, error) {
	return e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn, ClientToken: &token})
}

// A clientToken that redrove the execution is answered with the original
// redriveDate for 15 minutes, changing nothing, even while the execution
// runs; 1ms later the same token is a new request (spec 1.3).
func TestRedriveClientTokenReplay(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	arn := mustStart(t, e, mustCreate(t, e, "slow", defLongWait), "x", `{}`)
	if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(time.Minute)
	first, err := redriveWith(e, arn, "tok-1")
	if err != nil {
		t.Fatalf("RedriveExecution(tok-1) = %v", err)
	}
	redriven := t0.Add(time.Minute)
	if !aws.ToTime(first.RedriveDate).Equal(redriven) {
		t.Errorf("RedriveDate = %v, want %v", first.RedriveDate, redriven)
	}
	before := mustDescribe(t, e, arn)
	events := len(mustEvents(t, e, arn))

	clk.Advance(15 * time.Minute)
	again, err := redriveWith(e, arn, "tok-1")
	if err != nil {
		t.Fatalf("RedriveExecution(tok-1) replayed after 15 minutes = %v, want the original answer", err)
	}
	if diff := cmp.Diff(first, again, sdkcmp.Options); diff != "" {
		t.Errorf("replayed RedriveExecution (-first +again):\n%s", diff)
	}
	if diff := cmp.Diff(before, mustDescribe(t, e, arn), sdkcmp.Options); diff != "" {
		t.Errorf("replay changed DescribeExecution (-before +after):\n%s", diff)
	}
	if got := len(mustEvents(t, e, arn)); got != events {
		t.Errorf("replay: %d events, want %d", got, events)
	}

	clk.Advance(time.Millisecond)
	_, err = redriveWith(e, arn, "tok-1")
	checkAPIError(t, "RedriveExecution", err, wantErr{code: "ExecutionNotRedrivable", msg: reasonRunning})
}

// Only the last 10 tokens are honoured: the 11th evicts the first, which is
// then a new redrive request (spec 1.3).
func TestRedriveClientTokenEviction(t *testing.T) {
	t.Parallel()
	e, clk, arn := failedAt(t, t0)
	dates := map[string]time.Time{}
	for i := 1; i <= 11; i++ {
		clk.Advance(time.Second)
		tok := "tok-" + strconv.Itoa(i)
		out, err := redriveWith(e, arn, tok)
		if err != nil {
			t.Fatalf("RedriveExecution(%s) = %v", tok, err)
		}
		dates[tok] = aws.ToTime(out.RedriveDate)
	}
	clk.Advance(time.Second)
	before := mustDescribe(t, e, arn)
	events := len(mustEvents(t, e, arn))
	if aws.ToInt32(before.RedriveCount) != 11 {
		t.Fatalf("redriveCount = %d, want 11", aws.ToInt32(before.RedriveCount))
	}

	out, err := redriveWith(e, arn, "tok-2")
	if err != nil || !aws.ToTime(out.RedriveDate).Equal(dates["tok-2"]) {
		t.Fatalf("RedriveExecution(tok-2) = %v, %v; want the original redriveDate %v", out, err, dates["tok-2"])
	}
	if diff := cmp.Diff(before, mustDescribe(t, e, arn), sdkcmp.Options); diff != "" || len(mustEvents(t, e, arn)) != events {
		t.Errorf("replaying tok-2 changed the execution (-before +after):\n%s", diff)
	}

	out, err = redriveWith(e, arn, "tok-1")
	if err != nil {
		t.Fatalf("RedriveExecution(evicted tok-1) = %v, want a new redrive", err)
	}
	if !aws.ToTime(out.RedriveDate).Equal(clk.Now()) {
		t.Errorf("RedriveExecution(evicted tok-1): redriveDate %v, want now (%v)", out.RedriveDate, clk.Now())
	}
	if got := aws.ToInt32(mustDescribe(t, e, arn).RedriveCount); got != 12 {
		t.Errorf("redriveCount after the evicted token = %d, want 12", got)
	}
}

// clientToken is 1–64 characters matching [!-~]+ (spec 1.1).
func TestRedriveClientTokenValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		token string
		ok    bool
	}{
		{"64 characters", strings.Repeat("t", 64), true},
		{"every printable", "!~azAZ09-_.", true},
		{"65 characters", strings.Repeat("t", 65), false},
		{"a space", "tok 1", false},
		{"empty", "", false},
		{"non-ASCII", "tök", false},
		{"a tab", "tok\t1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _, arn := failedAt(t, t0)
			_, err := redriveWith(e, arn, tt.token)
			if tt.ok {
				if err != nil {
					t.Errorf("RedriveExecution(clientToken %q) = %v, want success", tt.token, err)
				}
				return
			}
			checkAPIError(t, "RedriveExecution", err, validation)
			if got := aws.ToInt32(mustDescribe(t, e, arn).RedriveCount); got != 0 {
				t.Errorf("refused redrive: redriveCount %d, want 0", got)
			}
		})
	}
}

// Step Functions fails an execution that stays open past the one-year
// maximum execution time (DG-Quotas, spec 1.2 item 5).
func TestMaxExecutionTimeEnforced(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	arn := mustStart(t, e, mustCreate(t, e, "forever", `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":34560000,"End":true}}}`), "x", `{}`)
	clk.Advance(366 * day)
	if got := mustDescribe(t, e, arn).Status; got == types.ExecutionStatusRunning {
		t.Errorf("status after 366 days = %s, want closed by the one-year maximum execution time", got)
	}
}
