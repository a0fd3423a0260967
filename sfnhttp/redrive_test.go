package sfnhttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

// The whole redrive story through the real SDK client over HTTP: a task
// fails, DescribeExecution says REDRIVABLE, RedriveExecution (with the
// SDK's own client token) re-runs it, the history shows ExecutionRedriven,
// ListExecutions filters by redriveFilter, and a second redrive of the
// succeeded execution is ExecutionNotRedrivable as a typed error.
func TestRedriveRoundTrip(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	flaky := "arn:aws:lambda:us-east-1:123456789012:function:flaky"
	fixed := false
	f.e.HandleTask(flaky, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		if !fixed {
			return nil, &sfnmem.TaskFailure{ErrorName: "Flaky.Down", Cause: "try later"}
		}
		return json.RawMessage(`{"ok":true}`), nil
	})
	sm, err := f.client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("flaky"), RoleArn: aws.String(role),
		Definition: aws.String(`{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"` + flaky + `","End":true}}}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	start, err := f.client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String("x")})
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	if err != nil || d.Status != types.ExecutionStatusFailed || d.RedriveStatus != types.ExecutionRedriveStatusRedrivable || d.RedriveStatusReason != nil {
		t.Fatalf("DescribeExecution = %+v, %v; want FAILED, REDRIVABLE, no reason", d, err)
	}

	f.clk.Advance(time.Hour)
	fixed = true
	out, err := f.client.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: start.ExecutionArn})
	if err != nil {
		t.Fatalf("RedriveExecution = %v", err)
	}
	if want := t0.Add(time.Hour); !out.RedriveDate.Equal(want) {
		t.Errorf("RedriveDate = %v, want %v", out.RedriveDate, want)
	}
	d, err = f.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	if err != nil || d.Status != types.ExecutionStatusSucceeded || aws.ToInt32(d.RedriveCount) != 1 || d.RedriveDate == nil {
		t.Fatalf("after redrive: %+v, %v", d, err)
	}
	events := historyAll(t, f.client, &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	var redriven *types.ExecutionRedrivenEventDetails
	for _, ev := range events {
		if ev.Type == types.HistoryEventTypeExecutionRedriven {
			redriven = ev.ExecutionRedrivenEventDetails
		}
	}
	if redriven == nil || aws.ToInt32(redriven.RedriveCount) != 1 {
		t.Errorf("history has no ExecutionRedriven{redriveCount: 1}: %+v", redriven)
	}
	list := listAll(t, f.client, &sfn.ListExecutionsInput{StateMachineArn: sm.StateMachineArn, RedriveFilter: types.ExecutionRedriveFilterRedriven})
	if len(list) != 1 || aws.ToInt32(list[0].RedriveCount) != 1 || list[0].RedriveDate == nil {
		t.Errorf("ListExecutions(REDRIVEN) = %+v", list)
	}
	_, err = f.client.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: start.ExecutionArn})
	var notRedrivable *types.ExecutionNotRedrivable
	if !errors.As(err, &notRedrivable) || notRedrivable.ErrorMessage() != "Execution is SUCCEEDED and cannot be redriven" {
		t.Errorf("second RedriveExecution = %v, want ExecutionNotRedrivable", err)
	}
}
