package sfnmem

import (
	"context"
	"math"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// lookupMapRunLocked resolves a Map Run ARN: InvalidArn for a malformed one,
// ResourceNotFound for an unknown one. Call with e.mu held.
func (e *Engine) lookupMapRunLocked(op, arn string) (*mapRunState, error) {
	if _, err := parseARN(op, arn, execution.KindMapRun); err != nil {
		return nil, err
	}
	mr, ok := e.mapRuns[arn]
	if !ok {
		return nil, opError(op, &types.ResourceNotFound{
			Message: aws.String("Resource not found: '" + arn + "'"), ResourceName: aws.String(arn)})
	}
	return mr, nil
}

// DescribeMapRun reports a Map Run, as [sfn.Client.DescribeMapRun]: its
// status, concurrency, tolerance, item and execution counters (kept
// incrementally, so this is O(1) whatever the number of children) and its
// redrive count and date. optFns are accepted and ignored.
func (e *Engine) DescribeMapRun(ctx context.Context, in *sfn.DescribeMapRunInput, optFns ...func(*sfn.Options)) (*sfn.DescribeMapRunOutput, error) {
	const op = "DescribeMapRun"
	if err := begin(ctx, op, "mapRunArn", in != nil && in.MapRunArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	mr, err := e.lookupMapRunLocked(op, *in.MapRunArn)
	if err != nil {
		return nil, err
	}
	m := mr.m
	out := &sfn.DescribeMapRunOutput{
		MapRunArn:                  aws.String(m.ARN),
		ExecutionArn:               aws.String(m.ExecutionARN),
		Status:                     m.Status,
		StartDate:                  aws.Time(m.StartDate),
		MaxConcurrency:             m.MaxConcurrency,
		ToleratedFailureCount:      m.ToleratedFailureCount,
		ToleratedFailurePercentage: m.ToleratedFailurePercentage,
		ExecutionCounts:            m.Executions.SDKExecution(),
		ItemCounts:                 m.Items.SDKItems(),
		RedriveCount:               aws.Int32(m.RedriveCount),
	}
	if !m.StopDate.IsZero() {
		out.StopDate = aws.Time(m.StopDate)
	}
	if !m.RedriveDate.IsZero() {
		out.RedriveDate = aws.Time(m.RedriveDate)
	}
	return out, nil
}

// ListMapRuns lists the Map Runs an execution started, oldest first, as
// [sfn.Client.ListMapRuns], with the usual paging. optFns are accepted and
// ignored.
func (e *Engine) ListMapRuns(ctx context.Context, in *sfn.ListMapRunsInput, optFns ...func(*sfn.Options)) (*sfn.ListMapRunsOutput, error) {
	const op = "ListMapRuns"
	if in == nil {
		in = &sfn.ListMapRunsInput{}
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
	scope, runs := op+"|"+x.x.ARN, x.mapRuns()
	start := int64(0)
	if in.NextToken != nil {
		if start, err = pagetoken.Decode(scope, *in.NextToken); err != nil || start > int64(len(runs)) {
			return nil, invalidToken(op, *in.NextToken)
		}
	}
	out := &sfn.ListMapRunsOutput{MapRuns: []types.MapRunListItem{}}
	i := int(start)
	for ; i < len(runs) && len(out.MapRuns) < limit; i++ {
		out.MapRuns = append(out.MapRuns, runs[i].m.ListItem())
	}
	if i < len(runs) {
		out.NextToken = aws.String(pagetoken.Encode(scope, int64(i)))
	}
	return out, nil
}

// UpdateMapRun changes a running Map Run's MaxConcurrency and tolerated
// failure thresholds, as [sfn.Client.UpdateMapRun]. A higher concurrency
// starts waiting children at once; a new threshold is checked at once. A Map
// Run that has finished is refused with ValidationException (reason
// CANNOT_UPDATE_COMPLETED_MAP_RUN). optFns are accepted and ignored.
func (e *Engine) UpdateMapRun(ctx context.Context, in *sfn.UpdateMapRunInput, optFns ...func(*sfn.Options)) (*sfn.UpdateMapRunOutput, error) {
	const op = "UpdateMapRun"
	if err := begin(ctx, op, "mapRunArn", in != nil && in.MapRunArn != nil); err != nil {
		return nil, err
	}
	if err := validateUpdateMapRun(in); err != nil {
		return nil, err
	}
	d := &driver{e: e}
	if err := e.updateMapRun(op, in, d); err != nil {
		return nil, err
	}
	d.run(ctx)
	return &sfn.UpdateMapRunOutput{}, nil
}

func validateUpdateMapRun(in *sfn.UpdateMapRunInput) error {
	const op = "UpdateMapRun"
	switch {
	case in.MaxConcurrency == nil && in.ToleratedFailureCount == nil && in.ToleratedFailurePercentage == nil:
		return validationReason(op, "At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified",
			types.ValidationExceptionReasonMissingRequiredParameter)
	case in.MaxConcurrency != nil && *in.MaxConcurrency < 0:
		return validation(op, "Value '%d' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0", *in.MaxConcurrency)
	case in.ToleratedFailureCount != nil && *in.ToleratedFailureCount < 0:
		return validation(op, "Value '%d' at 'toleratedFailureCount' failed to satisfy constraint: Member must have value greater than or equal to 0", *in.ToleratedFailureCount)
	case in.ToleratedFailurePercentage != nil && (*in.ToleratedFailurePercentage < 0 || *in.ToleratedFailurePercentage > 100 || math.IsNaN(float64(*in.ToleratedFailurePercentage))):
		return validation(op, "Value '%v' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value between 0 and 100", *in.ToleratedFailurePercentage)
	}
	return nil
}

func (e *Engine) updateMapRun(op string, in *sfn.UpdateMapRunInput, d *driver) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	mr, err := e.lookupMapRunLocked(op, *in.MapRunArn)
	if err != nil {
		return err
	}
	m := mr.m
	if m.Status != types.MapRunStatusRunning {
		return validationReason(op, "Map Run is not in RUNNING status and cannot be updated: '"+m.ARN+"'",
			types.ValidationExceptionReasonCannotUpdateCompletedMapRun)
	}
	if in.MaxConcurrency != nil {
		m.MaxConcurrency = *in.MaxConcurrency
	}
	if in.ToleratedFailureCount != nil {
		m.ToleratedFailureCount, m.ToleratedFailureCountSet = *in.ToleratedFailureCount, true
	}
	if in.ToleratedFailurePercentage != nil {
		m.ToleratedFailurePercentage, m.ToleratedFailurePercentageSet = *in.ToleratedFailurePercentage, true
	}
	if !mr.failing && m.ToleranceExceeded() {
		mr.failing = true
		e.abortChildrenLocked(mr, d)
	}
	e.advanceMapRunLocked(mr, d)
	return nil
}
