package sfnmem

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// ListExecutions lists a state machine's executions, most recently started
// first, as [sfn.Client.ListExecutions]. statusFilter and redriveFilter
// narrow the list; maxResults (0 means 100, at most 1000) bounds a page, and
// nextToken continues a listing made with the same arguments. Listing by
// mapRunArn finds the Map Run's child executions. optFns are accepted and
// ignored.
func (e *Engine) ListExecutions(ctx context.Context, in *sfn.ListExecutionsInput, optFns ...func(*sfn.Options)) (*sfn.ListExecutionsOutput, error) {
	const op = "ListExecutions"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &sfn.ListExecutionsInput{}
	}
	limit, err := validateListExecutions(in)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	list, cand, err := e.listSourceLocked(in)
	if err != nil {
		return nil, err
	}
	scope := fmt.Sprintf("%s|%s|%s|%s|%s", op, aws.ToString(in.StateMachineArn), aws.ToString(in.MapRunArn), in.StatusFilter, in.RedriveFilter)
	next := int64(len(list)) - 1 // index of the next candidate, walking from newest to oldest
	if in.NextToken != nil {
		pos, err := pagetoken.Decode(scope, *in.NextToken)
		if err != nil || pos > int64(len(list)) {
			return nil, invalidToken(op, *in.NextToken)
		}
		next = pos - 1
	}
	out := &sfn.ListExecutionsOutput{Executions: []types.ExecutionListItem{}}
	for next = cand.prev(next); next >= 0 && len(out.Executions) < limit; next = cand.prev(next - 1) {
		if x := list[next]; matchesFilters(x, in) {
			item := listItem(x)
			if in.MapRunArn != nil {
				// mapRunArn and itemCount only when listing by Map Run (API-ExecListItem).
				item.MapRunArn, item.ItemCount = aws.String(x.x.MapRunARN), aws.Int32(int32(x.child().items))
			}
			out.Executions = append(out.Executions, item)
		}
	}
	if more(list, cand, next, in) {
		out.NextToken = aws.String(pagetoken.Encode(scope, next+1))
	}
	return out, nil
}

// more reports whether any execution at or below index i passes the
// filters, so the last page carries no nextToken.
func more(list []*executionState, cand candidates, i int64, in *sfn.ListExecutionsInput) bool {
	for i = cand.prev(i); i >= 0; i = cand.prev(i - 1) {
		if matchesFilters(list[i], in) {
			return true
		}
	}
	return false
}

// validateListExecutions checks what can be checked without the engine's
// state, and returns the page size.
func validateListExecutions(in *sfn.ListExecutionsInput) (int, error) {
	const op = "ListExecutions"
	switch in.StatusFilter {
	case "", types.ExecutionStatusRunning, types.ExecutionStatusSucceeded, types.ExecutionStatusFailed,
		types.ExecutionStatusTimedOut, types.ExecutionStatusAborted, types.ExecutionStatusPendingRedrive:
	default:
		// The enum order is AWS's, as recorded (aws-recorded.md 3.2).
		return 0, validation(op, "Value '%s' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]", in.StatusFilter)
	}
	switch in.RedriveFilter {
	case "", types.ExecutionRedriveFilterRedriven, types.ExecutionRedriveFilterNotRedriven:
	default:
		return 0, validation(op, "Value '%s' at 'redriveFilter' failed to satisfy constraint: Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]", in.RedriveFilter)
	}
	switch {
	case in.StateMachineArn != nil && in.MapRunArn != nil:
		return 0, validation(op, "Only one of stateMachineArn or mapRunArn may be given")
	case in.StateMachineArn == nil && in.MapRunArn == nil:
		return 0, validation(op, "Either stateMachineArn or mapRunArn must be given")
	case in.StateMachineArn != nil && in.StatusFilter == types.ExecutionStatusPendingRedrive:
		// Spec 2.7: PENDING_REDRIVE applies to Map Run children only.
		return 0, validation(op, "statusFilter PENDING_REDRIVE can only be used with mapRunArn")
	}
	return pageArgs(op, in.MaxResults, in.NextToken, 3096)
}

// listSourceLocked returns the executions a listing walks, in start order.
// The candidates are the status index's positions when the listing is a
// machine's own (not a version's, an alias's or a Map Run's) and filters by
// status; otherwise every position.
func (e *Engine) listSourceLocked(in *sfn.ListExecutionsInput) ([]*executionState, candidates, error) {
	const op = "ListExecutions"
	if in.MapRunArn != nil {
		mr, err := e.lookupMapRunLocked(op, *in.MapRunArn)
		if err != nil {
			return nil, candidates{}, err
		}
		return mr.started, candidates{}, nil
	}
	m, list, err := e.machineExecutionsLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, candidates{}, err
	}
	if m.typ == types.StateMachineTypeExpress {
		return nil, candidates{}, stateMachineTypeNotSupported(op, "This operation is not supported by this type of state machine")
	}
	if in.StatusFilter != "" && *in.StateMachineArn == m.arn {
		return list, candidates{positions: e.statusIndex[m.arn][in.StatusFilter], indexed: true}, nil
	}
	return list, candidates{}, nil
}

func matchesFilters(x *executionState, in *sfn.ListExecutionsInput) bool {
	if in.StatusFilter != "" && x.x.Status != in.StatusFilter {
		return false
	}
	switch in.RedriveFilter {
	case types.ExecutionRedriveFilterRedriven:
		return x.x.RedriveCount > 0
	case types.ExecutionRedriveFilterNotRedriven:
		return x.x.RedriveCount == 0
	}
	return true
}

// listItem builds a list item: redriveCount always (aws-recorded.md 3.2),
// redriveDate only after a redrive, and no redriveStatus.
func listItem(x *executionState) types.ExecutionListItem {
	r := x.x
	item := types.ExecutionListItem{
		ExecutionArn:           aws.String(r.ARN),
		StateMachineArn:        aws.String(r.StateMachineARN),
		Name:                   aws.String(r.Name),
		Status:                 r.Status,
		StartDate:              aws.Time(r.StartDate),
		RedriveCount:           aws.Int32(r.RedriveCount),
		StateMachineVersionArn: optString(r.VersionARN),
		StateMachineAliasArn:   optString(r.AliasARN),
	}
	if !r.StopDate.IsZero() {
		item.StopDate = aws.Time(r.StopDate)
	}
	if !r.RedriveDate.IsZero() {
		item.RedriveDate = aws.Time(r.RedriveDate)
	}
	return item
}
