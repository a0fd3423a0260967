package sfnmem

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/redrive"
)

// lookupExecutionLocked resolves an execution ARN for op: InvalidArn for a
// malformed ARN or one that is not a Standard execution ARN (express ARNs
// give "Resource type not valid in this context: express", as AWS does),
// ExecutionDoesNotExist for an unknown one. Call with e.mu held.
func (e *Engine) lookupExecutionLocked(op, arn string) (*executionState, error) {
	if x, ok := e.executions.get(arn); ok && op == "DescribeExecution" && x.mapRun() != nil {
		return x, nil // an Express child of a Map Run may be described (API-DescExec)
	}
	if _, err := parseARN(op, arn, execution.KindExecution); err != nil {
		return nil, err
	}
	x, ok := e.executions.get(arn)
	if !ok {
		return nil, executionDoesNotExist(op, arn)
	}
	return x, nil
}

// StopExecution aborts a running execution, as [sfn.Client.StopExecution]:
// its status becomes ABORTED with the given error and cause, open tasks and
// timers are cancelled, and ExecutionAborted is appended. Stopping an
// execution that has already closed changes nothing and returns its stop
// date (docs/decisions.md). optFns are accepted and ignored.
func (e *Engine) StopExecution(ctx context.Context, in *sfn.StopExecutionInput, optFns ...func(*sfn.Options)) (*sfn.StopExecutionOutput, error) {
	const op = "StopExecution"
	if err := begin(ctx, op, "executionArn", in != nil && in.ExecutionArn != nil); err != nil {
		return nil, err
	}
	if in.Error != nil && len(*in.Error) > 256 {
		return nil, validation(op, "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256")
	}
	if in.Cause != nil && len(*in.Cause) > 32768 {
		return nil, validation(op, "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	x, err := e.lookupExecutionLocked(op, *in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	if x.x.Open() {
		x.open.run.Stop(copyString(in.Error), copyString(in.Cause), e.now())
		e.applyLocked(x, &driver{e: e}) // a stopped run asks for no calls
	}
	return &sfn.StopExecutionOutput{StopDate: aws.Time(x.x.StopDate)}, nil
}

// DescribeExecution reports an execution, as [sfn.Client.DescribeExecution],
// with the redrive fields exactly as recorded against AWS: redriveCount
// always, redriveStatus always, redriveStatusReason only when
// NOT_REDRIVABLE, redriveDate only after a redrive. optFns are accepted and
// ignored.
func (e *Engine) DescribeExecution(ctx context.Context, in *sfn.DescribeExecutionInput, optFns ...func(*sfn.Options)) (*sfn.DescribeExecutionOutput, error) {
	const op = "DescribeExecution"
	if in == nil {
		in = &sfn.DescribeExecutionInput{}
	}
	if err := describeArgs(ctx, op, in.ExecutionArn, in.IncludedData); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	x, err := e.lookupExecutionLocked(op, *in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	return e.describeLocked(x, in.IncludedData != types.IncludedDataMetadataOnly), nil
}

func (e *Engine) describeLocked(x *executionState, data bool) *sfn.DescribeExecutionOutput {
	r := x.x
	out := &sfn.DescribeExecutionOutput{
		ExecutionArn:           aws.String(r.ARN),
		StateMachineArn:        aws.String(r.StateMachineARN),
		Name:                   aws.String(r.Name),
		Status:                 r.Status,
		StartDate:              aws.Time(r.StartDate),
		Error:                  copyString(r.Error),
		Cause:                  copyString(r.Cause),
		RedriveCount:           aws.Int32(r.RedriveCount),
		StateMachineVersionArn: optString(r.VersionARN),
		StateMachineAliasArn:   optString(r.AliasARN),
		MapRunArn:              optString(r.MapRunARN),
		TraceHeader:            optString(r.TraceHeader),
	}
	if data {
		out.Input = aws.String(r.Input)
		out.InputDetails = &types.CloudWatchEventsExecutionDataDetails{Included: true}
		if r.HasOutput {
			out.Output = aws.String(r.Output)
			out.OutputDetails = &types.CloudWatchEventsExecutionDataDetails{Included: true}
		}
	}
	if !r.StopDate.IsZero() {
		out.StopDate = aws.Time(r.StopDate)
	}
	if !r.RedriveDate.IsZero() {
		out.RedriveDate = aws.Time(r.RedriveDate)
	}
	status, reason := e.redriveStatusLocked(x)
	out.RedriveStatus, out.RedriveStatusReason = status, optString(reason)
	return out
}

// redriveReasonLocked is the one place that decides whether an execution may
// be redriven: DescribeExecution and RedriveExecution both ask it, so they
// can never disagree (spec 1.6).
func (e *Engine) redriveReasonLocked(x *executionState) redrive.Reason {
	return redrive.Check(redrive.Subject{
		Type:          x.x.Type,
		Status:        x.x.Status,
		StartDate:     x.x.StartDate,
		StopDate:      x.x.StopDate,
		Events:        x.log.Len(),
		EventLimit:    x.log.Limit(),
		MachineStatus: x.machine().status,
	}, e.now())
}

func copyString(p *string) *string {
	if p == nil {
		return nil
	}
	s := *p
	return &s
}

// describeArgs makes the checks of the Describe operations keyed by an
// execution ARN, in AWS's order: the caller's context, the required
// executionArn, then includedData.
func describeArgs(ctx context.Context, op string, arn *string, included types.IncludedData) error {
	if err := begin(ctx, op, "executionArn", arn != nil); err != nil {
		return err
	}
	return validateIncludedData(op, included)
}

// validateIncludedData checks the includedData enum of the Describe operations.
func validateIncludedData(op string, v types.IncludedData) error {
	switch v {
	case "", types.IncludedDataAllData, types.IncludedDataMetadataOnly:
		return nil
	}
	return validation(op, "Value '%s' at 'includedData' failed to satisfy constraint: Member must satisfy enum value set: [ALL_DATA, METADATA_ONLY]", v)
}
