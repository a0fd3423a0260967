package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem"
)

// An execution's own timers (its TimeoutSeconds and the one-year maximum)
// must not outlive it on the clock: an engine that runs thousands of
// executions would otherwise hold a timer for each until the clock moves a
// year.
func TestExecutionTimersEndWithTheExecution(t *testing.T) {
	t.Parallel()
	const task = "arn:aws:lambda:us-east-1:123456789012:function:f"
	tests := []struct {
		name        string
		def         string
		advance     time.Duration // after the start
		wantStatus  types.ExecutionStatus
		wantPending int // the clock's timers once the execution has closed
	}{
		{"pass", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`, 0, types.ExecutionStatusSucceeded, 0},
		{"timeout, closes at once", `{"TimeoutSeconds":10,"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`, 0, types.ExecutionStatusSucceeded, 0},
		{"task", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + task + `","End":true}}}`, 0, types.ExecutionStatusSucceeded, 0},
		{"fails at once", `{"TimeoutSeconds":10,"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}}`, 0, types.ExecutionStatusFailed, 0},
		{"wait, then closes", `{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}`, 5 * time.Second, types.ExecutionStatusSucceeded, 0},
		{"times out", `{"TimeoutSeconds":3,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}`, 3 * time.Second, types.ExecutionStatusTimedOut, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, clk := newEngine(t)
			e.HandleTask(task, handler(`{}`))
			arn := mustStart(t, e, mustCreate(t, e, "m", tt.def), "run", `{}`)
			clk.Advance(tt.advance)
			if got := mustDescribe(t, e, arn).Status; got != tt.wantStatus {
				t.Fatalf("status = %s, want %s", got, tt.wantStatus)
			}
			if got := clk.Pending(); got != tt.wantPending {
				t.Errorf("clock.Pending() = %d, want %d", got, tt.wantPending)
			}
		})
	}
}

// While an execution waits, its timers are on the clock: the state
// machine's TimeoutSeconds, the one-year maximum and the Wait state's.
func TestExecutionTimersArmedWhileWaiting(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "m", `{"TimeoutSeconds":60,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"End":true}}}`)
	mustStart(t, e, sm, "run", `{}`)
	if got := clk.Pending(); got != 3 {
		t.Errorf("clock.Pending() = %d, want 3 (execution timeout, one-year maximum, Wait)", got)
	}
}

// The execution's TimeoutSeconds is armed before the timers of its first
// step, so when a task's timeout falls at the same instant the execution
// times out first, as it did before the execution's timers were deferred.
func TestExecutionTimeoutFiresBeforeATaskTimeoutAtTheSameInstant(t *testing.T) {
	t.Parallel()
	const task = "arn:aws:lambda:us-east-1:123456789012:function:f"
	for _, redrive := range []bool{false, true} {
		e, clk := newEngine(t)
		calls := 0
		e.HandleTask(task, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
			calls++
			if calls == 1 && redrive {
				return nil, &sfnmem.TaskFailure{ErrorName: "E"}
			}
			return nil, sfnmem.ErrTaskPending // the task stays open until its timeout
		})
		sm := mustCreate(t, e, "m", `{"TimeoutSeconds":10,"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+task+`","TimeoutSeconds":10,"End":true}}}`)
		arn := mustStart(t, e, sm, "run", `{}`)
		if redrive {
			if _, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: aws.String(arn)}); err != nil {
				t.Fatalf("RedriveExecution = %v", err)
			}
		}
		clk.Advance(10 * time.Second)
		events := mustEvents(t, e, arn)
		if got := events[len(events)-1].Type; got != types.HistoryEventTypeExecutionTimedOut {
			t.Errorf("redrive %v: last event %s, want ExecutionTimedOut", redrive, got)
		}
		for _, ev := range events {
			if ev.Type == types.HistoryEventTypeLambdaFunctionTimedOut {
				t.Errorf("redrive %v: LambdaFunctionTimedOut in history: the task's timeout fired first", redrive)
			}
		}
		if got := clk.Pending(); got != 0 {
			t.Errorf("redrive %v: clock.Pending() = %d, want 0", redrive, got)
		}
	}
}
