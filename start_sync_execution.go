package sfnmem

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// StartSyncExecution starts an EXPRESS execution and returns when it has
// ended, with its output or error, as [sfn.Client.StartSyncExecution]. A
// STANDARD machine is StateMachineTypeNotSupported. An execution that ends
// within the call (its tasks answer at once) returns at once; one that waits
// for the clock or a callback blocks until another goroutine advances the
// clock or completes the task, or until ctx is done (then ctx's error is
// returned and the execution carries on). optFns are accepted and ignored.
func (e *Engine) StartSyncExecution(ctx context.Context, in *sfn.StartSyncExecutionInput, optFns ...func(*sfn.Options)) (*sfn.StartSyncExecutionOutput, error) {
	const op = "StartSyncExecution"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	if err := validateIncludedData(op, in.IncludedData); err != nil {
		return nil, err
	}
	start := &sfn.StartExecutionInput{StateMachineArn: in.StateMachineArn, Input: in.Input, Name: in.Name, TraceHeader: in.TraceHeader}
	input, err := e.checkStart(op, start)
	if err != nil {
		return nil, err
	}
	d := &driver{e: e}
	out, err := e.startExecution(op, start, input, true, d)
	if err != nil {
		return nil, err
	}
	d.run(ctx)
	e.mu.Lock()
	x, _ := e.executions.get(*out.ExecutionArn)
	if x.x.Open() {
		done := make(chan struct{})
		if e.waiters == nil {
			e.waiters = map[*executionState][]chan struct{}{}
		}
		e.waiters[x] = append(e.waiters[x], done)
		e.mu.Unlock()
		select {
		case <-done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		e.mu.Lock()
	}
	defer e.mu.Unlock()
	return syncOutput(x, in.IncludedData != types.IncludedDataMetadataOnly), nil
}

// syncOutput reports an ended Express execution as StartSyncExecution does.
// Billing follows the Express model in its simplest form: the duration in
// milliseconds, at least 100, and 64 MB (docs/decisions.md).
func syncOutput(x *executionState, data bool) *sfn.StartSyncExecutionOutput {
	r := x.x
	out := &sfn.StartSyncExecutionOutput{
		ExecutionArn:    aws.String(r.ARN),
		StateMachineArn: aws.String(r.StateMachineARN),
		Name:            aws.String(r.Name),
		Status:          types.SyncExecutionStatus(r.Status),
		StartDate:       aws.Time(r.StartDate),
		StopDate:        aws.Time(r.StopDate),
		Error:           copyString(r.Error),
		Cause:           copyString(r.Cause),
		TraceHeader:     optString(r.TraceHeader),
		BillingDetails: &types.BillingDetails{
			BilledDurationInMilliseconds: max(100, (r.StopDate.Sub(r.StartDate) + time.Millisecond - 1).Milliseconds()),
			BilledMemoryUsedInMB:         64,
		},
	}
	if data {
		out.Input = aws.String(r.Input)
		out.InputDetails = &types.CloudWatchEventsExecutionDataDetails{Included: true}
		if r.HasOutput {
			out.Output = aws.String(r.Output)
			out.OutputDetails = &types.CloudWatchEventsExecutionDataDetails{Included: true}
		}
	}
	return out
}
