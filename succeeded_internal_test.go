package sfnmem

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/history"
)

const succeededTask = "arn:aws:lambda:us-east-1:123456789012:function:f"

// startOne creates a machine of def on e and starts one execution of it.
func startOne(t *testing.T, e *Engine, def string) *executionState {
	t.Helper()
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("m"), Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	return executionOf(e, *out.ExecutionArn)
}

// An execution that succeeded keeps no open parts (its run, timers and
// task tokens), and its history is frozen (past the engine's freezeAbove,
// here 0): nothing can act on it again, and an engine keeping many
// executions would keep each one's parts and run's memory. One that failed
// keeps them, since a redrive continues its run, and an open history; once
// the redrive succeeds, it drops its open parts and freezes its history
// too. Its task tokens are then TaskTimedOut, and the next execution to
// start takes its open parts and its run's memory, allocating neither.
func TestOnlyAnUnsucceededExecutionKeepsItsRun(t *testing.T) {
	t.Parallel()
	e := New()
	e.freezeAbove = 0 // every history that succeeds is frozen
	// result is what the handler returns (nil: success).
	result := errors.New("boom")
	var tokens []string
	e.HandleTask(succeededTask, func(_ context.Context, in TaskInput) (json.RawMessage, error) {
		tokens = append(tokens, in.TaskToken)
		if result != nil {
			return nil, result
		}
		return json.RawMessage(`{}`), nil
	})
	ctx := context.Background()
	x := startOne(t, e, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+succeededTask+`","End":true}}}`)
	if x.x.Status != types.ExecutionStatusFailed || x.open == nil || x.open.run == nil || frozen(x) {
		t.Fatalf("failed execution: status %s, open parts kept %v, history frozen %v; want FAILED with its open parts and run, not frozen",
			x.x.Status, x.open != nil, frozen(x))
	}
	parts, run := x.open, x.open.run
	result = nil
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &x.x.ARN}); err != nil {
		t.Fatal(err)
	}
	if x.x.Status != types.ExecutionStatusSucceeded || x.open != nil || !frozen(x) {
		t.Fatalf("redriven execution: status %s, open parts kept %v, history frozen %v; want SUCCEEDED without open parts, frozen",
			x.x.Status, x.open != nil, frozen(x))
	}
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &x.x.ARN}); !errorIs[*types.ExecutionNotRedrivable](err) {
		t.Errorf("RedriveExecution of the succeeded execution = %v, want ExecutionNotRedrivable", err)
	}
	if _, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &x.x.ARN}); err != nil {
		t.Errorf("StopExecution of the succeeded execution = %v, want its stop date", err)
	}
	xToken := tokens[len(tokens)-1]
	if _, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &xToken, Output: aws.String(`{}`)}); !errorIs[*types.TaskTimedOut](err) {
		t.Errorf("SendTaskSuccess(a token of the succeeded execution) = %v, want TaskTimedOut", err)
	}

	result = ErrTaskPending // the next execution stays open, its task waiting
	out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &x.x.StateMachineARN})
	if err != nil {
		t.Fatal(err)
	}
	y := executionOf(e, *out.ExecutionArn)
	if y.open != parts || parts.run != run {
		t.Fatalf("the next execution's open parts %p (run %p), want the succeeded one's, %p (run %p)", y.open, parts.run, parts, run)
	}
	yToken := tokens[len(tokens)-1]
	if tokenExecutionKey(yToken) == tokenExecutionKey(xToken) || tokenExecution(e, xToken) != x || tokenExecution(e, yToken) != y {
		t.Fatalf("tokens %q and %q: each should name its own execution", xToken, yToken)
	}
	if _, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &yToken, Output: aws.String(`{}`)}); err != nil {
		t.Fatalf("SendTaskSuccess(the open execution's token) = %v", err)
	}
	if y.x.Status != types.ExecutionStatusSucceeded || y.open != nil {
		t.Errorf("the next execution: status %s, open parts kept %v; want SUCCEEDED without", y.x.Status, y.open != nil)
	}
	if _, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &xToken, Output: aws.String(`{}`)}); !errorIs[*types.TaskTimedOut](err) {
		t.Errorf("SendTaskSuccess(a token of the first execution), its parts reused = %v, want TaskTimedOut", err)
	}
}

// frozen reports whether x's history refuses appends as frozen. The
// append it tries links to an event that does not exist, which an open
// history refuses too: nothing is appended either way.
func frozen(x *executionState) bool {
	_, err := x.log.Append(types.HistoryEventTypeExecutionAborted, int64(x.log.Len())+10, time.Now(), nil)
	if err == nil {
		panic("appended to the history of " + x.x.ARN)
	}
	return errors.Is(err, history.ErrFrozen)
}

func errorIs[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// A clock callback that was waiting for the lock while its execution
// succeeded finds no run, and does nothing.
func TestTimerAfterSuccessDoesNothing(t *testing.T) {
	t.Parallel()
	e := New(WithClock(clock.NewFake(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))))
	x := startOne(t, e, `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	if x.open != nil {
		t.Fatal("the succeeded execution kept its open parts")
	}
	events := x.log.Len()
	e.fire(x, 1)
	if x.log.Len() != events || x.x.Status != types.ExecutionStatusSucceeded {
		t.Errorf("fire changed the succeeded execution: %d events (want %d), status %s", x.log.Len(), events, x.x.Status)
	}
}

// A task call still queued on a driver when its execution succeeded is
// skipped, not made.
func TestQueuedCallAfterSuccessIsSkipped(t *testing.T) {
	t.Parallel()
	e := New()
	called := 0
	e.HandleTask(succeededTask, func(context.Context, TaskInput) (json.RawMessage, error) {
		called++
		return json.RawMessage(`{}`), nil
	})
	x := startOne(t, e, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+succeededTask+`","End":true}}}`)
	if called != 1 || x.open != nil {
		t.Fatalf("handler called %d times, open parts kept %v; want 1 call and none", called, x.open != nil)
	}
	d := &driver{e: e}
	d.push(x, 2)
	d.run(context.Background())
	if called != 1 {
		t.Errorf("the queued call of a succeeded execution was made (%d calls)", called)
	}
}

// An engine freezes the histories that succeed once those it keeps
// unfrozen hold freezeAbove events, not before: a test's engine pays
// nothing for packing, an emulator's keeps half the memory.
func TestHistoriesFreezePastTheThreshold(t *testing.T) {
	t.Parallel()
	e := New()
	e.freezeAbove = 7 // events: the first two executions of 4 stay unfrozen
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("m"), Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	var got []bool
	for range 4 {
		out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, frozen(executionOf(e, *out.ExecutionArn)))
	}
	if want := []bool{false, false, true, true}; !slices.Equal(got, want) {
		t.Errorf("frozen: %v, want %v", got, want)
	}
}

// GetExecutionHistory reads a frozen history exactly as an open one: every
// page, forward and in reverse, with and without the execution data, the
// tokens included; also the histories written on the entries an earlier
// frozen one gave up (history.Spare).
func TestFrozenHistoriesReadTheSame(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},
		"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + succeededTask + `","End":true}}},"Next":"W"},
		"W":{"Type":"Wait","Seconds":1,"Next":"P"},"P":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($)"},"End":true}}}`
	pages := map[bool][]string{}
	for _, freeze := range []bool{false, true} {
		clk := clock.NewFake(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
		e := New(WithClock(clk))
		if freeze {
			e.freezeAbove = 0
		}
		e.HandleTask(succeededTask, func(_ context.Context, in TaskInput) (json.RawMessage, error) { return in.Input, nil })
		ctx := context.Background()
		sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
			Name: aws.String("m"), Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
		if err != nil {
			t.Fatal(err)
		}
		var arns []*string
		for i, n := range []int{40, 41, 38} { // the later histories on the entries of the one before (the Spare)
			items := `{"items":[` + strings.TrimSuffix(strings.Repeat(`{"k":"v"},`, n), ",") + `]}`
			out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String(fmt.Sprint("x", i)), Input: aws.String(items)})
			if err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Second)
			x := executionOf(e, *out.ExecutionArn)
			if x.x.Status != types.ExecutionStatusSucceeded || frozen(x) != freeze || x.log.Len() < 200 {
				t.Fatalf("freeze %v: status %s, frozen %v, %d events", freeze, x.x.Status, frozen(x), x.log.Len())
			}
			arns = append(arns, out.ExecutionArn)
		}
		for _, arn := range arns {
			for _, size := range []int32{1, 63, 64, 65, 100, 1000} {
				for _, reverse := range []bool{false, true} {
					for _, data := range []bool{false, true} {
						in := &sfn.GetExecutionHistoryInput{ExecutionArn: arn, MaxResults: size, ReverseOrder: reverse,
							IncludeExecutionData: aws.Bool(data)}
						for {
							page, err := e.GetExecutionHistory(ctx, in)
							if err != nil {
								t.Fatal(err)
							}
							text, _ := json.Marshal(page)
							pages[freeze] = append(pages[freeze], string(text))
							if page.NextToken == nil {
								break
							}
							in.NextToken = page.NextToken
						}
					}
				}
			}
		}
	}
	if !slices.Equal(pages[false], pages[true]) {
		t.Errorf("GetExecutionHistory reads a frozen history otherwise than an open one")
	}
}

// An execution keeps rare parts (rareParts) only once it needs them: one
// that never started a Map Run, was never started by one, and was never
// redriven with a client token keeps none, even after a redrive without a
// token; a redrive with a token, a Distributed Map's parent and each of its
// children do.
func TestOnlyARareExecutionKeepsRareParts(t *testing.T) {
	t.Parallel()
	e := New()
	fail := true
	e.HandleTask(succeededTask, func(context.Context, TaskInput) (json.RawMessage, error) {
		if fail {
			return nil, errors.New("boom")
		}
		return json.RawMessage(`{}`), nil
	})
	ctx := context.Background()
	x := startOne(t, e, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+succeededTask+`","End":true}}}`)
	if x.x.Status != types.ExecutionStatusFailed || x.rare != nil {
		t.Fatalf("failed execution: status %s, rare parts %v; want FAILED without", x.x.Status, x.rare != nil)
	}
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &x.x.ARN}); err != nil {
		t.Fatal(err)
	}
	if x.x.Status != types.ExecutionStatusFailed || x.rare != nil {
		t.Fatalf("redriven without a client token: status %s, rare parts %v; want FAILED without", x.x.Status, x.rare != nil)
	}
	fail = false
	token := aws.String("tok-1")
	out, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &x.x.ARN, ClientToken: token})
	if err != nil {
		t.Fatal(err)
	}
	if x.rare == nil || len(x.rare.tokens.Entries(*out.RedriveDate)) != 1 {
		t.Fatalf("redriven with a client token: rare parts %+v; want the token remembered", x.rare)
	}
	again, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &x.x.ARN, ClientToken: token})
	if err != nil || !again.RedriveDate.Equal(*out.RedriveDate) {
		t.Errorf("RedriveExecution with the same client token = %v, %v; want its first redriveDate %v", again, err, out.RedriveDate)
	}

	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("dist"), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
		Definition: aws.String(`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items",
			"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
			"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + succeededTask + `","End":true}}},"End":true}}}`)})
	if err != nil {
		t.Fatal(err)
	}
	started, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(`{"items":[1,2]}`)})
	if err != nil {
		t.Fatal(err)
	}
	parent := executionOf(e, *started.ExecutionArn)
	if parent.x.Status != types.ExecutionStatusSucceeded || len(parent.mapRuns()) != 1 || parent.mapRun() != nil {
		t.Fatalf("Distributed Map parent: status %s, %d Map Runs, started by one %v; want SUCCEEDED, 1, false",
			parent.x.Status, len(parent.mapRuns()), parent.mapRun() != nil)
	}
	mr := parent.mapRuns()[0]
	for i, c := range mr.children {
		if c.x.mapRun() != mr || c.x.child() != c || c.x.mapRuns() != nil {
			t.Errorf("child %d: Map Run %p, place %p, Map Runs %v; want %p, %p, none", i, c.x.mapRun(), c.x.child(), c.x.mapRuns(), mr, c)
		}
	}
}

// executionOf returns the execution arn names, or nil.
func executionOf(e *Engine, arn string) *executionState {
	x, _ := e.executions.get(arn)
	return x
}

// tokenExecution returns the execution a task token names, or nil.
func tokenExecution(e *Engine, token string) *executionState {
	x, _ := e.tokenExecutionLocked(token)
	return x
}
