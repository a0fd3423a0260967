package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/golden"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
	redrivepkg "github.com/sfnmem/sfnmem/redrive"
)

const reserveFn = "arn:aws:lambda:us-east-1:123456789012:function:reserve"

// orderMachine reserves stock, charges a card and ships.
const orderMachine = `{"StartAt":"Prepare","States":{
	"Prepare":{"Type":"Pass","Result":"prepared","ResultPath":"$.step","Next":"Reserve"},
	"Reserve":{"Type":"Task","Resource":"` + reserveFn + `","ResultPath":"$.reservation","Next":"Charge"},
	"Charge":{"Type":"Task","Resource":"` + chargeFn + `","ResultPath":"$.charge",
	  "Retry":[{"ErrorEquals":["Card.Busy"],"MaxAttempts":1,"IntervalSeconds":1}],"Next":"Done"},
	"Done":{"Type":"Succeed"}}}`

func redrive(t *testing.T, e *sfnmem.Engine, arn string) *sfn.RedriveExecutionOutput {
	t.Helper()
	out, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatalf("RedriveExecution(%s) = %v", arn, err)
	}
	return out
}

// A failed task is redriven: only it runs again, the succeeded task keeps
// its result, and the history continues after ExecutionRedriven.
func TestRedriveFailedTask(t *testing.T) {
	e, clk := newEngine(t)
	reserves, charges := 0, 0
	e.HandleTask(reserveFn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		reserves++
		return json.RawMessage(`{"id":"r-1"}`), nil
	})
	e.HandleTask(chargeFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		charges++
		if in.RedriveCount == 0 {
			return nil, &sfnmem.TaskFailure{ErrorName: "Card.Declined", Cause: "insufficient funds"}
		}
		return json.RawMessage(`{"paid":true}`), nil
	})
	sm := mustCreate(t, e, "orders", orderMachine)
	arn := mustStart(t, e, sm, "order-1", `{"order":1}`)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", d.Status)
	}

	// The engine resumes from its run's own frame; the history's reading of
	// the resume point (redrive.PlanFrom) must name the same state.
	if plan, err := redrivepkg.PlanFrom(mustEvents(t, e, arn)); err != nil || plan.State != "Charge" {
		t.Fatalf("PlanFrom = %+v, %v; want state Charge", plan, err)
	}
	clk.Advance(time.Hour)
	out := redrive(t, e, arn)
	if want := t0.Add(time.Hour); !out.RedriveDate.Equal(want) {
		t.Errorf("RedriveDate = %v, want %v", out.RedriveDate, want)
	}
	if reserves != 1 || charges != 2 {
		t.Errorf("reserve called %d times, charge %d; want 1 and 2", reserves, charges)
	}
	d := mustDescribe(t, e, arn)
	want := &sfn.DescribeExecutionOutput{
		ExecutionArn:        aws.String(arn),
		StateMachineArn:     aws.String(sm),
		Name:                aws.String("order-1"),
		Status:              types.ExecutionStatusSucceeded,
		StartDate:           aws.Time(t0),
		StopDate:            aws.Time(t0.Add(time.Hour)),
		Input:               aws.String(`{"order":1}`),
		InputDetails:        &types.CloudWatchEventsExecutionDataDetails{Included: true},
		Output:              aws.String(`{"charge":{"paid":true},"order":1,"reservation":{"id":"r-1"},"step":"prepared"}`),
		OutputDetails:       &types.CloudWatchEventsExecutionDataDetails{Included: true},
		RedriveCount:        aws.Int32(1),
		RedriveDate:         aws.Time(t0.Add(time.Hour)),
		RedriveStatus:       types.ExecutionRedriveStatusNotRedrivable,
		RedriveStatusReason: aws.String("Execution is SUCCEEDED and cannot be redriven"),
	}
	if diff := cmp.Diff(want, d, sdkcmp.Options); diff != "" {
		t.Errorf("DescribeExecution after redrive (-want +got):\n%s", diff)
	}
	golden.Check(t, "redrive/failed_task", golden.Events(mustEvents(t, e, arn)))
}

// Each redrive of an execution that fails again adds one ExecutionRedriven
// with the next redriveCount; the Task's retriers start over every time.
func TestRedriveTwice(t *testing.T) {
	e, clk := newEngine(t)
	e.HandleTask(reserveFn, handler(`{}`))
	calls := 0
	e.HandleTask(chargeFn, failing(4, "Card.Busy", `{"paid":true}`, &calls))
	sm := mustCreate(t, e, "orders", orderMachine)
	arn := mustStart(t, e, sm, "order-1", `{}`)
	clk.Advance(time.Second) // the one retry fails too
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", got)
	}
	redrive(t, e, arn)
	clk.Advance(time.Second) // retry counter reset: one more retry, fails (call 4)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusFailed || aws.ToInt32(d.RedriveCount) != 1 {
		t.Fatalf("after first redrive: status %s, redriveCount %d; want FAILED, 1", d.Status, aws.ToInt32(d.RedriveCount))
	}
	clk.Advance(time.Minute)
	redrive(t, e, arn) // call 5 succeeds
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded || aws.ToInt32(d.RedriveCount) != 2 || calls != 5 {
		t.Fatalf("after second redrive: status %s, redriveCount %d, calls %d; want SUCCEEDED, 2, 5", d.Status, aws.ToInt32(d.RedriveCount), calls)
	}
	golden.Check(t, "redrive/twice", golden.Events(mustEvents(t, e, arn)))
}

// Redrive from every closed status but SUCCEEDED, and from a Fail state,
// which is re-entered and fails again.
func TestRedriveFromEachStatus(t *testing.T) {
	tests := []struct {
		name   string
		def    string
		before func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string)
		after  func(clk interface{ Advance(time.Duration) })
		want   types.ExecutionStatus
	}{
		{
			name: "task_timed_out",
			def: `{"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
				"TimeoutSeconds":30,"Parameters":{"t.$":"$$.Task.Token"},"End":true}}}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(30 * time.Second)
			},
			after: func(clk interface{ Advance(time.Duration) }) { clk.Advance(30 * time.Second) },
			want:  types.ExecutionStatusFailed, // the timeout restarts and lapses again
		},
		{
			name: "fail_state",
			def:  `{"StartAt":"Check","States":{"Check":{"Type":"Pass","Next":"Boom"},"Boom":{"Type":"Fail","Error":"Boom","Cause":"always"}}}`,
			want: types.ExecutionStatusFailed,
		},
		{
			name: "aborted",
			def:  `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":60,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(10 * time.Second)
				if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
					t.Fatal(err)
				}
			},
			after: func(clk interface{ Advance(time.Duration) }) { clk.Advance(60 * time.Second) }, // a Seconds wait restarts in full
			want:  types.ExecutionStatusSucceeded,
		},
		{
			name: "execution_timed_out",
			def:  `{"StartAt":"Pause","TimeoutSeconds":100,"States":{"Pause":{"Type":"Wait","Seconds":60,"Next":"Again"},"Again":{"Type":"Wait","Seconds":60,"End":true}}}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(100 * time.Second)
			},
			after: func(clk interface{ Advance(time.Duration) }) { clk.Advance(100 * time.Second) }, // TimeoutSeconds counts from the redrive
			want:  types.ExecutionStatusSucceeded,
		},
		{
			name: "past_timestamp_wait",
			def:  `{"StartAt":"Until","States":{"Until":{"Type":"Wait","Timestamp":"2024-01-02T03:05:05Z","Next":"Done"},"Done":{"Type":"Pass","End":true}}}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
					t.Fatal(err)
				}
				clk.Advance(2 * time.Minute) // the timestamp is now past
			},
			want: types.ExecutionStatusSucceeded, // exits at once on redrive
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clk := newEngine(t)
			e.HandleTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
				return nil, sfnmem.ErrTaskPending
			})
			sm := mustCreate(t, e, "m", tt.def)
			arn := mustStart(t, e, sm, "x", `{}`)
			if tt.before != nil {
				tt.before(t, e, clk, arn)
			}
			redrive(t, e, arn)
			if tt.after != nil {
				tt.after(clk)
			}
			if got := mustDescribe(t, e, arn).Status; got != tt.want {
				t.Errorf("status after redrive = %s, want %s", got, tt.want)
			}
			golden.Check(t, "redrive/"+tt.name, golden.Events(mustEvents(t, e, arn)))
		})
	}
}

// The context object tells a redriven task its RedriveCount and RedriveTime
// (DG-Context); before any redrive RedriveTime is absent.
func TestRedriveContextObject(t *testing.T) {
	e, clk := newEngine(t)
	var seen []string
	e.HandleTask(chargeFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		seen = append(seen, string(in.Input))
		if len(seen) == 1 {
			return nil, &sfnmem.TaskFailure{ErrorName: "Boom"}
		}
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "ctx", `{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"`+chargeFn+`",
		"Parameters":{"execution.$":"$$.Execution"},"End":true}}}`)
	arn := mustStart(t, e, sm, "c", `{"a":1}`)
	clk.Advance(90 * time.Minute)
	redrive(t, e, arn)
	want := []string{
		`{"execution":{"Id":"` + arn + `","Input":{"a":1},"Name":"c","RedriveCount":0,"RoleArn":"` + role + `","StartTime":"2024-01-02T03:04:05.000Z"}}`,
		`{"execution":{"Id":"` + arn + `","Input":{"a":1},"Name":"c","RedriveCount":1,"RedriveTime":"2024-01-02T04:34:05.000Z","RoleArn":"` + role + `","StartTime":"2024-01-02T03:04:05.000Z"}}`,
	}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("task inputs (-want +got):\n%s", diff)
	}
}
