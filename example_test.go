package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
)

// A task fails, the execution is redriven, and only the failed task runs
// again.
func ExampleEngine_RedriveExecution() {
	ctx := context.Background()
	clk := clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	e := sfnmem.New(sfnmem.WithClock(clk))

	attempts := 0
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge",
		func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
			attempts++
			if in.RedriveCount == 0 {
				return nil, &sfnmem.TaskFailure{ErrorName: "Card.Declined", Cause: "try later"}
			}
			return json.RawMessage(`{"paid":true}`), nil
		})
	sm, _ := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:    aws.String("pay"),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/pay"),
		Definition: aws.String(`{"StartAt":"Charge","States":{"Charge":{"Type":"Task",
			"Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","End":true}}}`),
	})
	start, _ := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
	d, _ := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	fmt.Println(d.Status, aws.ToString(d.Error), d.RedriveStatus)

	clk.Advance(time.Hour)
	out, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: start.ExecutionArn})
	fmt.Println(err, out.RedriveDate.Format(time.RFC3339))

	d, _ = e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	fmt.Println(d.Status, aws.ToString(d.Output), aws.ToInt32(d.RedriveCount), attempts)

	_, err = e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: start.ExecutionArn})
	var notRedrivable *types.ExecutionNotRedrivable
	fmt.Println(errors.As(err, &notRedrivable), notRedrivable.ErrorMessage())
	// Output:
	// FAILED Card.Declined REDRIVABLE
	// <nil> 2024-01-02T01:00:00Z
	// SUCCEEDED {"paid":true} 1 2
	// true Execution is SUCCEEDED and cannot be redriven
}

// ListExecutions works with the SDK's paginator, because an *Engine has the
// client's method signatures.
func ExampleEngine_ListExecutions() {
	ctx := context.Background()
	e := sfnmem.New(sfnmem.WithClock(clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))))
	sm, _ := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:       aws.String("hello"),
		RoleArn:    aws.String("arn:aws:iam::123456789012:role/hello"),
		Definition: aws.String(`{"StartAt":"Hi","States":{"Hi":{"Type":"Pass","End":true}}}`),
	})
	for _, name := range []string{"a", "b", "c"} {
		e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String(name)})
	}
	p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{StateMachineArn: sm.StateMachineArn, MaxResults: 2})
	for p.HasMorePages() {
		page, _ := p.NextPage(ctx)
		for _, x := range page.Executions {
			fmt.Println(aws.ToString(x.Name), x.Status, aws.ToInt32(x.RedriveCount))
		}
	}
	// Output:
	// c SUCCEEDED 0
	// b SUCCEEDED 0
	// a SUCCEEDED 0
}

// A handler that cannot answer at once returns ErrTaskPending and keeps its
// task token; the task is completed later with SendTaskSuccess. Until then
// the execution waits, and a lapsed HeartbeatSeconds would time it out on
// the engine's clock.
func ExampleEngine_SendTaskSuccess() {
	ctx := context.Background()
	clk := clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	e := sfnmem.New(sfnmem.WithClock(clk))

	var token string
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:approve",
		func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
			token = in.TaskToken // hand it to whoever approves
			return nil, sfnmem.ErrTaskPending
		})
	sm, _ := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:    aws.String("approval"),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/approval"),
		Definition: aws.String(`{"StartAt":"Approve","States":{"Approve":{"Type":"Task",
			"Resource":"arn:aws:lambda:us-east-1:123456789012:function:approve","HeartbeatSeconds":3600,"End":true}}}`),
	})
	start, _ := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
	d, _ := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	fmt.Println(d.Status)

	clk.Advance(30 * time.Minute) // within the heartbeat
	_, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"approved":true}`)})
	d, _ = e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
	fmt.Println(err, d.Status, aws.ToString(d.Output))

	_, err = e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{}`)})
	var closed *types.TaskTimedOut
	fmt.Println(errors.As(err, &closed))
	// Output:
	// RUNNING
	// <nil> SUCCEEDED {"approved":true}
	// true
}
