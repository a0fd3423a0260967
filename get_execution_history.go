package sfnmem

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem/history"
)

// GetExecutionHistory returns one page of an execution's history, as
// [sfn.Client.GetExecutionHistory]: oldest first, or newest first with
// reverseOrder; maxResults 0 means 100, at most 1000; includeExecutionData
// (default true) false leaves inputs and outputs out. The events never alias
// the engine's. optFns are accepted and ignored.
func (e *Engine) GetExecutionHistory(ctx context.Context, in *sfn.GetExecutionHistoryInput, optFns ...func(*sfn.Options)) (*sfn.GetExecutionHistoryOutput, error) {
	const op = "GetExecutionHistory"
	if in == nil {
		in = &sfn.GetExecutionHistoryInput{}
	}
	limit, err := keyedPageArgs(ctx, op, "executionArn", in.ExecutionArn, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	x, err := e.lookupExecutionLocked(op, *in.ExecutionArn)
	if err != nil {
		return nil, err
	}
	events, next, err := x.log.Page(history.PageRequest{
		MaxResults:           limit,
		NextToken:            aws.ToString(in.NextToken),
		Reverse:              in.ReverseOrder,
		IncludeExecutionData: in.IncludeExecutionData == nil || *in.IncludeExecutionData,
	})
	if errors.Is(err, history.ErrInvalidToken) {
		return nil, invalidToken(op, aws.ToString(in.NextToken))
	}
	if err != nil {
		return nil, err
	}
	return &sfn.GetExecutionHistoryOutput{Events: events, NextToken: optString(next)}, nil
}
