package sfnmem

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/sfnmem/sfnmem/execution"
)

// Every error an API method returns is the SDK's modelled type wrapped in a
// *smithy.OperationError, exactly as the real client returns it, so callers'
// errors.As works unchanged and a bare type assertion fails here as it would
// in production (docs/decisions.md, "Error wrapping").
func opError(op string, err error) error {
	return &smithy.OperationError{ServiceID: "SFN", OperationName: op, Err: err}
}

func executionDoesNotExist(op, arn string) error {
	return opError(op, &types.ExecutionDoesNotExist{Message: aws.String("Execution Does Not Exist: '" + arn + "'")})
}

func stateMachineDoesNotExist(op, arn string) error {
	return opError(op, &types.StateMachineDoesNotExist{Message: aws.String("State Machine Does Not Exist: '" + arn + "'")})
}

func stateMachineAlreadyExists(op, arn string) error {
	return opError(op, &types.StateMachineAlreadyExists{Message: aws.String("State Machine Already Exists: '" + arn + "'")})
}

func executionAlreadyExists(op, arn string) error {
	return opError(op, &types.ExecutionAlreadyExists{Message: aws.String("Execution Already Exists: '" + arn + "'")})
}

// arnError turns an *execution.ARNError (whose text is AWS's whole
// message) into InvalidArn.
func arnError(op string, err error) error {
	return opError(op, &types.InvalidArn{Message: aws.String(err.Error())})
}

// parseARN parses arn and requires one of kinds, answering InvalidArn with
// AWS's message otherwise.
func parseARN(op, arn string, kinds ...string) (execution.ARN, error) {
	a, err := execution.ParseARN(arn)
	if err == nil {
		err = a.Require(kinds...)
	}
	if err != nil {
		return a, arnError(op, err)
	}
	return a, nil
}

func invalidArnMessage(op, msg string) error {
	return opError(op, &types.InvalidArn{Message: aws.String("Invalid Arn: '" + msg + "'")})
}

// nameError answers a name that breaks the rules: ValidationException for
// its length (a model constraint), InvalidName for its characters.
func nameError(op string, err error) error {
	var ne *execution.NameError
	if errors.As(err, &ne) && ne.Length {
		return validation(op, "%s", strings.TrimPrefix(ne.Message(), "1 validation error detected: "))
	}
	if errors.As(err, &ne) {
		return opError(op, &types.InvalidName{Message: aws.String(ne.Message())})
	}
	return opError(op, &types.InvalidName{Message: aws.String(err.Error())})
}

func invalidDefinition(op, msg string) error {
	return opError(op, &types.InvalidDefinition{Message: aws.String(msg)})
}

func invalidExecutionInput(op, msg string) error {
	return opError(op, &types.InvalidExecutionInput{Message: aws.String(msg)})
}

func invalidOutput(op, msg string) error {
	return opError(op, &types.InvalidOutput{Message: aws.String(msg)})
}

func invalidToken(op, msg string) error {
	return opError(op, &types.InvalidToken{Message: aws.String("Invalid Token: '" + msg + "'")})
}

func taskTimedOut(op string) error {
	return opError(op, &types.TaskTimedOut{Message: aws.String("Task Timed Out: 'Provided task does not exist anymore'")})
}

func executionLimitExceeded(op string) error {
	return opError(op, &types.ExecutionLimitExceeded{Message: aws.String("Execution Limit Exceeded: 'The maximum number of running executions has been reached.'")})
}

func stateMachineTypeNotSupported(op, msg string) error {
	return opError(op, &types.StateMachineTypeNotSupported{Message: aws.String(msg)})
}

func executionNotRedrivable(op, msg string) error {
	return opError(op, &types.ExecutionNotRedrivable{Message: aws.String(msg)})
}

// validation is the "1 validation error detected: ..." form AWS uses for
// constraint violations of the request shape.
func validation(op, format string, args ...any) error {
	return opError(op, &types.ValidationException{Message: aws.String("1 validation error detected: " + fmt.Sprintf(format, args...))})
}

func validationReason(op, msg string, reason types.ValidationExceptionReason) error {
	return opError(op, &types.ValidationException{Message: aws.String(msg), Reason: reason})
}

// begin makes the first checks of every operation, in AWS's order: the
// caller's context, then the one member the operation cannot do without
// (present is false for a nil input too).
func begin(ctx context.Context, op, member string, present bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !present {
		return missingRequired(op, member)
	}
	return nil
}

func missingRequired(op, member string) error {
	return validationReason(op, fmt.Sprintf("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member),
		types.ValidationExceptionReasonMissingRequiredParameter)
}
