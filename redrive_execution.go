package sfnmem

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/interp"
	"github.com/sfnmem/sfnmem/redrive"
)

// RedriveExecution restarts a FAILED, TIMED_OUT or ABORTED Standard
// execution from its unsuccessful state, as [sfn.Client.RedriveExecution]
// (spec 1): same ARN, definition and input; ExecutionRedriven is appended to
// the history; states that succeeded are not run again. An execution that
// may not be redriven is refused with ExecutionNotRedrivable, whose message
// is the redriveStatusReason DescribeExecution reports. A clientToken that
// redrove this execution within the last 15 minutes, among its last 10,
// returns the original redriveDate and changes nothing. Like StartExecution,
// it returns once the execution has run as far as it can go without the
// clock moving. optFns are accepted and ignored.
func (e *Engine) RedriveExecution(ctx context.Context, in *sfn.RedriveExecutionInput, optFns ...func(*sfn.Options)) (*sfn.RedriveExecutionOutput, error) {
	const op = "RedriveExecution"
	if err := begin(ctx, op, "executionArn", in != nil && in.ExecutionArn != nil); err != nil {
		return nil, err
	}
	if err := validateClientToken(op, in.ClientToken); err != nil {
		return nil, err
	}
	d := &driver{e: e}
	out, err := e.redriveExecution(op, *in.ExecutionArn, aws.ToString(in.ClientToken), d)
	if err != nil {
		return nil, err
	}
	d.run(ctx)
	return out, nil
}

func (e *Engine) redriveExecution(op, arn, token string, d *driver) (*sfn.RedriveExecutionOutput, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	x, err := e.lookupExecutionLocked(op, arn)
	if err != nil {
		return nil, err
	}
	if x.mapRun() != nil {
		return nil, validationReason(op, "Unsupported operation on a labeled execution ARN: '"+arn+"'. Redrive the parent execution to redrive its Map Run.",
			types.ValidationExceptionReasonApiDoesNotSupportLabeledArns)
	}
	now := e.now()
	if date, ok := x.redriveTokens().Seen(token, now); ok {
		return &sfn.RedriveExecutionOutput{RedriveDate: aws.Time(date)}, nil
	}
	if reason := e.redriveReasonLocked(x); reason != redrive.ReasonNone {
		return nil, executionNotRedrivable(op, reason.String())
	}
	if e.open >= e.cfg.maxOpenExecutions {
		return nil, executionLimitExceeded(op)
	}
	if err := x.open.run.Redrive(now); err != nil {
		if errors.Is(err, interp.ErrNothingToRedrive) {
			return nil, executionNotRedrivable(op, "Execution has no unsuccessful state to redrive")
		}
		return nil, err
	}
	from := x.x.Status
	if err := x.x.Reopen(now); err != nil {
		panic("sfnmem: " + err.Error()) // Check said it was closed: a broken invariant
	}
	e.indexMoveLocked(x, from, x.x.Status)
	e.open++
	if token != "" {
		x.rareParts().tokens.Remember(token, now)
	}
	e.applyLocked(x, d)
	return &sfn.RedriveExecutionOutput{RedriveDate: aws.Time(now)}, nil
}

// validateClientToken checks a clientToken: 1–64 printable ASCII characters
// without spaces (pattern [!-~]+).
func validateClientToken(op string, tok *string) error {
	if tok == nil {
		return nil
	}
	if msg := execution.LengthMessage("clientToken", *tok, 1, 64); msg != "" {
		return validation(op, "%s", msg[len("1 validation error detected: "):])
	}
	for i := 0; i < len(*tok); i++ {
		if c := (*tok)[i]; c < '!' || c > '~' {
			return validation(op, "Value '%s' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+", *tok)
		}
	}
	return nil
}
