package sfnmem

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// DescribeStateMachineForExecution returns the state machine an execution
// ran, as [sfn.Client.DescribeStateMachineForExecution]: the definition,
// role and configuration it started with (its version's, when started
// through a version or alias), even if the machine was updated since. For a
// Map Run child it also gives the Map Run's ARN and label. optFns are
// accepted and ignored.
func (e *Engine) DescribeStateMachineForExecution(ctx context.Context, in *sfn.DescribeStateMachineForExecutionInput, optFns ...func(*sfn.Options)) (*sfn.DescribeStateMachineForExecutionOutput, error) {
	const op = "DescribeStateMachineForExecution"
	if in == nil {
		in = &sfn.DescribeStateMachineForExecutionInput{}
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
	s := x.source
	logging, tracing := loggingOrDefault(s.logging), tracingOrDefault(s.tracing)
	out := &sfn.DescribeStateMachineForExecutionOutput{
		Definition:           aws.String(s.definition),
		Name:                 aws.String(s.machine.name),
		RoleArn:              aws.String(s.roleArn),
		StateMachineArn:      aws.String(x.x.StateMachineARN),
		UpdateDate:           aws.Time(s.updated),
		LoggingConfiguration: logging,
		TracingConfiguration: tracing,
		RevisionId:           optString(s.revision),
	}
	if mr := x.mapRun(); mr != nil {
		out.MapRunArn, out.Label = aws.String(mr.m.ARN), aws.String(mr.m.Label)
	}
	return out, nil
}
