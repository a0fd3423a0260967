package sfnmem

import "context"

// pageSize validates maxResults (0..1000; 0 means 100) as the list
// operations do.
func pageSize(op string, n int32) (int, error) {
	switch {
	case n < 0:
		return 0, validation(op, "Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0", n)
	case n > 1000:
		return 0, validation(op, "Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000", n)
	case n == 0:
		return 100, nil
	}
	return int(n), nil
}

// pageArgs validates a list operation's maxResults and nextToken (1 to
// maxToken characters: 1024 for most listings, 3096 for ListExecutions) and
// returns the page size.
func pageArgs(op string, n int32, token *string, maxToken int) (int, error) {
	if token != nil && (*token == "" || len(*token) > maxToken) {
		return 0, validation(op, "Value '%s' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to %d", *token, maxToken)
	}
	return pageSize(op, n)
}

// keyedPageArgs makes the checks of a listing keyed by an ARN, in the order
// AWS makes them: the caller's context, the required ARN (named member in
// the message), then maxResults and nextToken. It returns the page size.
func keyedPageArgs(ctx context.Context, op, member string, arn *string, n int32, token *string) (int, error) {
	if err := begin(ctx, op, member, arn != nil); err != nil {
		return 0, err
	}
	return pageArgs(op, n, token, 1024)
}
