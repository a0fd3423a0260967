package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// Definitions shared by the API tests.
const (
	defPass = `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	defWait = `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":60,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`
	defFail = `{"StartAt":"Check","States":{"Check":{"Type":"Pass","Next":"Boom"},"Boom":{"Type":"Fail","Error":"Boom","Cause":"always"}}}`
	// defRoute succeeds on {"ok":true}, waits 60s then succeeds on
	// {"wait":true}, and fails otherwise.
	defRoute = `{"StartAt":"Route","States":{
		"Route":{"Type":"Choice","Choices":[
			{"Variable":"$.ok","IsPresent":true,"Next":"Yes"},
			{"Variable":"$.wait","IsPresent":true,"Next":"Pause"}],"Default":"No"},
		"Pause":{"Type":"Wait","Seconds":60,"Next":"Yes"},
		"Yes":{"Type":"Succeed"},
		"No":{"Type":"Fail","Error":"Route.No","Cause":"routed to failure"}}}`
)

const arnPrefix = "arn:aws:states:us-east-1:123456789012:"

// fixture is an engine holding one resource of every kind the refusal tests
// point at.
type fixture struct {
	sm, express, waiter       string // state machine ARNs
	done, running, expressRun string // execution ARNs
}

func newFixture(t *testing.T) (*sfnmem.Engine, fixture) {
	t.Helper()
	e, _ := newEngine(t)
	var f fixture
	f.sm = mustCreate(t, e, "pass", defPass)
	f.waiter = mustCreate(t, e, "waiter", defWait)
	out, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String("fast"), Definition: aws.String(defPass), RoleArn: aws.String(role), Type: types.StateMachineTypeExpress,
	})
	if err != nil {
		t.Fatalf("CreateStateMachine(fast, EXPRESS) = %v", err)
	}
	f.express = aws.ToString(out.StateMachineArn)
	f.done = mustStart(t, e, f.sm, "done", `{}`)
	f.running = mustStart(t, e, f.waiter, "running", `{}`)
	f.expressRun = mustStart(t, e, f.express, "quick", `{}`)
	return e, f
}

// apiError finds the SDK error type named code in err's chain with
// errors.As, the way callers of the real client do.
var apiErrorTypes = map[string]func(error) (smithy.APIError, bool){
	"ExecutionAlreadyExists":       as[*types.ExecutionAlreadyExists],
	"ExecutionDoesNotExist":        as[*types.ExecutionDoesNotExist],
	"ExecutionLimitExceeded":       as[*types.ExecutionLimitExceeded],
	"ExecutionNotRedrivable":       as[*types.ExecutionNotRedrivable],
	"InvalidArn":                   as[*types.InvalidArn],
	"InvalidDefinition":            as[*types.InvalidDefinition],
	"InvalidExecutionInput":        as[*types.InvalidExecutionInput],
	"InvalidName":                  as[*types.InvalidName],
	"InvalidOutput":                as[*types.InvalidOutput],
	"InvalidToken":                 as[*types.InvalidToken],
	"ResourceNotFound":             as[*types.ResourceNotFound],
	"StateMachineAlreadyExists":    as[*types.StateMachineAlreadyExists],
	"StateMachineDeleting":         as[*types.StateMachineDeleting],
	"StateMachineDoesNotExist":     as[*types.StateMachineDoesNotExist],
	"StateMachineTypeNotSupported": as[*types.StateMachineTypeNotSupported],
	"TaskTimedOut":                 as[*types.TaskTimedOut],
	"ValidationException":          as[*types.ValidationException],
}

func as[T smithy.APIError](err error) (smithy.APIError, bool) {
	var target T
	if errors.As(err, &target) {
		return target, true
	}
	return nil, false
}

// wantErr describes an expected API error.
type wantErr struct {
	code   string                          // the SDK type's ErrorCode
	msg    string                          // the exact message, where AWS's text is recorded
	prefix string                          // a prefix of the message, where only that is fixed
	reason types.ValidationExceptionReason // ValidationException's reason, if any
}

// checkAPIError asserts that err is the SDK error w describes, wrapped in a
// *smithy.OperationError for op as the real client returns it.
func checkAPIError(t *testing.T, op string, err error, w wantErr) {
	t.Helper()
	find, ok := apiErrorTypes[w.code]
	if !ok {
		t.Fatalf("test bug: no SDK error type for %q", w.code)
	}
	got, ok := find(err)
	if !ok {
		t.Fatalf("%s = %v, want %s", op, err, w.code)
	}
	if got.ErrorCode() != w.code {
		t.Errorf("%s: ErrorCode() = %q, want %q", op, got.ErrorCode(), w.code)
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.OperationName != op || oe.ServiceID != "SFN" {
		t.Errorf("%s: error %v is not wrapped in *smithy.OperationError{SFN, %s}", op, err, op)
	}
	if w.msg != "" && got.ErrorMessage() != w.msg {
		t.Errorf("%s: message\n got %q\nwant %q", op, got.ErrorMessage(), w.msg)
	}
	if w.prefix != "" && !strings.HasPrefix(got.ErrorMessage(), w.prefix) {
		t.Errorf("%s: message %q, want prefix %q", op, got.ErrorMessage(), w.prefix)
	}
	if w.reason != "" {
		var ve *types.ValidationException
		if !errors.As(err, &ve) || ve.Reason != w.reason {
			t.Errorf("%s: reason = %v, want %s", op, ve, w.reason)
		}
	}
}

var (
	missing     = wantErr{code: "ValidationException", reason: types.ValidationExceptionReasonMissingRequiredParameter}
	validation  = wantErr{code: "ValidationException"}
	badPrefix   = wantErr{code: "InvalidArn", msg: "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'"}
	expressKind = wantErr{code: "InvalidArn", msg: "Invalid Arn: 'Resource type not valid in this context: express'"}
	smKind      = wantErr{code: "InvalidArn", msg: "Invalid Arn: 'Resource type not valid in this context: stateMachine'"}
	execKind    = wantErr{code: "InvalidArn", msg: "Invalid Arn: 'Resource type not valid in this context: execution'"}
	badToken    = wantErr{code: "InvalidToken"}
)

const (
	unknownExec = arnPrefix + "execution:pass:nope"
	unknownSM   = arnPrefix + "stateMachine:nope"
	unknownRun  = arnPrefix + "mapRun:pass/label:3c39a231-69bb-3d89-8607-9e124eddbb0b"
)

func noSuchExecution(arn string) wantErr {
	return wantErr{code: "ExecutionDoesNotExist", msg: "Execution Does Not Exist: '" + arn + "'"}
}

func noSuchMachine(arn string) wantErr {
	return wantErr{code: "StateMachineDoesNotExist", msg: "State Machine Does Not Exist: '" + arn + "'"}
}

func nameLength(value, rule string) wantErr {
	return wantErr{code: "ValidationException",
		msg: "1 validation error detected: Value '" + value + "' at 'name' failed to satisfy constraint: Member must have length " + rule}
}

// Every refusal of every operation, with the SDK error type, its code and,
// where AWS's text is recorded (research.md 2), its exact message. The
// refusals change nothing.
func TestAPIRefusals(t *testing.T) {
	e, f := newFixture(t)
	long := strings.Repeat("n", 81)
	type call func(ctx context.Context, e *sfnmem.Engine, f fixture) error
	create := func(name, def, roleArn string, typ types.StateMachineType) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: &name, Definition: &def, RoleArn: &roleArn, Type: typ})
			return err
		}
	}
	start := func(sm func(fixture) string, name *string, input *string) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm(f)), Name: name, Input: input})
			return err
		}
	}
	pass := func(f fixture) string { return f.sm }
	fixed := func(arn string) func(fixture) string { return func(fixture) string { return arn } }
	describe := func(arn func(fixture) string) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn(f))})
			return err
		}
	}
	history := func(in func(fixture) *sfn.GetExecutionHistoryInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.GetExecutionHistory(ctx, in(f))
			return err
		}
	}
	stop := func(in func(fixture) *sfn.StopExecutionInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.StopExecution(ctx, in(f))
			return err
		}
	}
	redrive := func(in func(fixture) *sfn.RedriveExecutionInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.RedriveExecution(ctx, in(f))
			return err
		}
	}
	list := func(in func(fixture) *sfn.ListExecutionsInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.ListExecutions(ctx, in(f))
			return err
		}
	}
	listSM := func(in *sfn.ListStateMachinesInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.ListStateMachines(ctx, in)
			return err
		}
	}
	describeSM := func(in *sfn.DescribeStateMachineInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.DescribeStateMachine(ctx, in)
			return err
		}
	}
	deleteSM := func(in func(fixture) *sfn.DeleteStateMachineInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.DeleteStateMachine(ctx, in(f))
			return err
		}
	}
	success := func(in *sfn.SendTaskSuccessInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.SendTaskSuccess(ctx, in)
			return err
		}
	}
	failure := func(in *sfn.SendTaskFailureInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.SendTaskFailure(ctx, in)
			return err
		}
	}
	heartbeat := func(in *sfn.SendTaskHeartbeatInput) call {
		return func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.SendTaskHeartbeat(ctx, in)
			return err
		}
	}
	smIn := func(arn string) *sfn.ListExecutionsInput {
		return &sfn.ListExecutionsInput{StateMachineArn: aws.String(arn)}
	}

	tests := []struct {
		name string
		op   string
		call call
		want wantErr
	}{
		// CreateStateMachine
		{"create/nil input", "CreateStateMachine", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.CreateStateMachine(ctx, nil)
			return err
		}, missing},
		{"create/no name", "CreateStateMachine", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Definition: aws.String(defPass), RoleArn: aws.String(role)})
			return err
		}, missing},
		{"create/no definition", "CreateStateMachine", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("x"), RoleArn: aws.String(role)})
			return err
		}, missing},
		{"create/no role", "CreateStateMachine", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("x"), Definition: aws.String(defPass)})
			return err
		}, missing},
		{"create/empty name", "CreateStateMachine", create("", defPass, role, ""), nameLength("", "greater than or equal to 1")},
		{"create/name of 81", "CreateStateMachine", create(long, defPass, role, ""), nameLength(long, "less than or equal to 80")},
		{"create/name with space", "CreateStateMachine", create("a b", defPass, role, ""), wantErr{code: "InvalidName", msg: "Invalid Name: 'a b'"}},
		{"create/name with slash", "CreateStateMachine", create("a/b", defPass, role, ""), wantErr{code: "InvalidName", msg: "Invalid Name: 'a/b'"}},
		{"create/name with colon", "CreateStateMachine", create("a:b", defPass, role, ""), wantErr{code: "InvalidName", msg: "Invalid Name: 'a:b'"}},
		{"create/name with control", "CreateStateMachine", create("a\x01b", defPass, role, ""), wantErr{code: "InvalidName"}},
		{"create/definition not JSON", "CreateStateMachine", create("x", "not a definition", role, ""), wantErr{code: "InvalidDefinition"}},
		{"create/definition without States", "CreateStateMachine", create("x", `{"StartAt":"A"}`, role, ""), wantErr{code: "InvalidDefinition"}},
		{"create/StartAt names no state", "CreateStateMachine", create("x", `{"StartAt":"A","States":{"B":{"Type":"Pass","End":true}}}`, role, ""), wantErr{code: "InvalidDefinition"}},
		{"create/bad role ARN", "CreateStateMachine", create("x", defPass, "not-a-role", ""), wantErr{code: "InvalidArn"}},
		{"create/bad type", "CreateStateMachine", create("x", defPass, role, "BOGUS"), validation},

		// DescribeStateMachine
		{"describeSM/nil input", "DescribeStateMachine", describeSM(nil), missing},
		{"describeSM/malformed", "DescribeStateMachine", describeSM(&sfn.DescribeStateMachineInput{StateMachineArn: aws.String("not_a_valid_arn")}), badPrefix},
		{"describeSM/execution ARN", "DescribeStateMachine", describeSM(&sfn.DescribeStateMachineInput{StateMachineArn: aws.String(unknownExec)}), execKind},
		{"describeSM/unknown", "DescribeStateMachine", describeSM(&sfn.DescribeStateMachineInput{StateMachineArn: aws.String(unknownSM)}), noSuchMachine(unknownSM)},

		// ListStateMachines
		{"listSM/maxResults -1", "ListStateMachines", listSM(&sfn.ListStateMachinesInput{MaxResults: -1}), validation},
		{"listSM/maxResults 1001", "ListStateMachines", listSM(&sfn.ListStateMachinesInput{MaxResults: 1001}), wantErr{code: "ValidationException",
			msg: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"}},
		{"listSM/bad token", "ListStateMachines", listSM(&sfn.ListStateMachinesInput{NextToken: aws.String("garbage")}), badToken},

		// DeleteStateMachine
		{"deleteSM/nil input", "DeleteStateMachine", deleteSM(func(fixture) *sfn.DeleteStateMachineInput { return nil }), missing},
		{"deleteSM/malformed", "DeleteStateMachine", deleteSM(func(fixture) *sfn.DeleteStateMachineInput {
			return &sfn.DeleteStateMachineInput{StateMachineArn: aws.String("not_a_valid_arn")}
		}), badPrefix},
		{"deleteSM/execution ARN", "DeleteStateMachine", deleteSM(func(f fixture) *sfn.DeleteStateMachineInput {
			return &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(f.done)}
		}), execKind},
		{"deleteSM/labelled ARN", "DeleteStateMachine", deleteSM(func(f fixture) *sfn.DeleteStateMachineInput {
			return &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(f.sm + "/label")}
		}), wantErr{code: "ValidationException", reason: types.ValidationExceptionReasonApiDoesNotSupportLabeledArns}},

		// StartExecution
		{"start/nil input", "StartExecution", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.StartExecution(ctx, nil)
			return err
		}, missing},
		{"start/no state machine", "StartExecution", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{Name: aws.String("x")})
			return err
		}, missing},
		{"start/malformed", "StartExecution", start(fixed("not_a_valid_arn"), nil, nil), badPrefix},
		{"start/execution ARN", "StartExecution", start(func(f fixture) string { return f.done }, nil, nil), execKind},
		{"start/unknown", "StartExecution", start(fixed(unknownSM), nil, nil), noSuchMachine(unknownSM)},
		// Unknown versions and aliases: StateMachineDoesNotExist naming the qualified ARN.
		{"start/version ARN", "StartExecution", start(func(f fixture) string { return f.sm + ":1" }, nil, nil),
			noSuchMachine("arn:aws:states:us-east-1:123456789012:stateMachine:pass:1")},
		{"start/alias ARN", "StartExecution", start(func(f fixture) string { return f.sm + ":PROD" }, nil, nil),
			noSuchMachine("arn:aws:states:us-east-1:123456789012:stateMachine:pass:PROD")},
		{"start/labelled ARN", "StartExecution", start(func(f fixture) string { return f.sm + "/label" }, nil, nil),
			wantErr{code: "ValidationException", reason: types.ValidationExceptionReasonApiDoesNotSupportLabeledArns}},
		{"start/empty name", "StartExecution", start(pass, aws.String(""), nil), nameLength("", "greater than or equal to 1")},
		{"start/name of 81", "StartExecution", start(pass, aws.String(long), nil), nameLength(long, "less than or equal to 80")},
		{"start/name with space", "StartExecution", start(pass, aws.String("a b"), nil), wantErr{code: "InvalidName", msg: "Invalid Name: 'a b'"}},
		{"start/name with hash", "StartExecution", start(pass, aws.String("a#b"), nil), wantErr{code: "InvalidName", msg: "Invalid Name: 'a#b'"}},
		{"start/name with bracket", "StartExecution", start(pass, aws.String("a[b"), nil), wantErr{code: "InvalidName", msg: "Invalid Name: 'a[b'"}},
		{"start/input not JSON", "StartExecution", start(pass, aws.String("n1"), aws.String("not a json")),
			wantErr{code: "InvalidExecutionInput", prefix: "Invalid State Machine Execution Input: '"}},
		{"start/input single quotes", "StartExecution", start(pass, aws.String("n2"), aws.String(`{'not': 'json'}`)),
			wantErr{code: "InvalidExecutionInput", prefix: "Invalid State Machine Execution Input: '"}},
		{"start/input empty string", "StartExecution", start(pass, aws.String("n3"), aws.String("")),
			wantErr{code: "InvalidExecutionInput", msg: "Invalid State Machine Execution Input: 'Invalid execution input.'"}},
		{"start/input over 256 KiB", "StartExecution", start(pass, aws.String("n4"), aws.String(`"`+strings.Repeat("x", 256*1024)+`"`)),
			wantErr{code: "InvalidExecutionInput"}},
		{"start/name of a closed execution", "StartExecution", start(pass, aws.String("done"), aws.String(`{}`)), wantErr{code: "ExecutionAlreadyExists"}},

		// StopExecution
		{"stop/nil input", "StopExecution", stop(func(fixture) *sfn.StopExecutionInput { return nil }), missing},
		{"stop/malformed", "StopExecution", stop(func(fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String("not_a_valid_arn")}
		}), badPrefix},
		{"stop/state machine ARN", "StopExecution", stop(func(f fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String(f.waiter)}
		}), smKind},
		{"stop/express ARN", "StopExecution", stop(func(f fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String(f.expressRun)}
		}), expressKind},
		{"stop/unknown", "StopExecution", stop(func(fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String(unknownExec)}
		}), noSuchExecution(unknownExec)},
		{"stop/error of 257", "StopExecution", stop(func(f fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String(f.running), Error: aws.String(strings.Repeat("e", 257))}
		}), validation},
		{"stop/cause of 32769", "StopExecution", stop(func(f fixture) *sfn.StopExecutionInput {
			return &sfn.StopExecutionInput{ExecutionArn: aws.String(f.running), Cause: aws.String(strings.Repeat("c", 32769))}
		}), validation},

		// DescribeExecution
		{"describe/nil input", "DescribeExecution", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.DescribeExecution(ctx, nil)
			return err
		}, missing},
		{"describe/malformed", "DescribeExecution", describe(fixed("not_a_valid_arn")), badPrefix},
		{"describe/state machine ARN", "DescribeExecution", describe(pass), smKind},
		{"describe/express ARN", "DescribeExecution", describe(func(f fixture) string { return f.expressRun }), expressKind},
		{"describe/unknown", "DescribeExecution", describe(fixed(unknownExec)), noSuchExecution(unknownExec)},
		{"describe/bad includedData", "DescribeExecution", func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: &f.done, IncludedData: "SOME"})
			return err
		}, validation},

		// DescribeStateMachineForExecution makes DescribeExecution's checks.
		{"smForExec/nil input", "DescribeStateMachineForExecution", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.DescribeStateMachineForExecution(ctx, nil)
			return err
		}, missing},
		{"smForExec/bad includedData", "DescribeStateMachineForExecution", func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.DescribeStateMachineForExecution(ctx, &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: &f.done, IncludedData: "SOME"})
			return err
		}, validation},

		// The other listings keyed by an ARN: nil input and a missing ARN.
		{"mapRuns/nil input", "ListMapRuns", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.ListMapRuns(ctx, nil)
			return err
		}, missing},
		{"mapRuns/no ARN", "ListMapRuns", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.ListMapRuns(ctx, &sfn.ListMapRunsInput{MaxResults: 5})
			return err
		}, missing},
		{"aliases/nil input", "ListStateMachineAliases", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.ListStateMachineAliases(ctx, nil)
			return err
		}, missing},
		{"versions/nil input", "ListStateMachineVersions", func(ctx context.Context, e *sfnmem.Engine, _ fixture) error {
			_, err := e.ListStateMachineVersions(ctx, nil)
			return err
		}, missing},
		{"versions/bad maxResults", "ListStateMachineVersions", func(ctx context.Context, e *sfnmem.Engine, f fixture) error {
			_, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &f.sm, MaxResults: 1001})
			return err
		}, validation},

		// GetExecutionHistory
		{"history/nil input", "GetExecutionHistory", history(func(fixture) *sfn.GetExecutionHistoryInput { return nil }), missing},
		{"history/malformed", "GetExecutionHistory", history(func(fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String("not_a_valid_arn")}
		}), badPrefix},
		{"history/state machine ARN", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.sm)}
		}), smKind},
		{"history/express ARN", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.expressRun)}
		}), expressKind},
		{"history/unknown", "GetExecutionHistory", history(func(fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(unknownExec)}
		}), noSuchExecution(unknownExec)},
		{"history/maxResults -1", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.done), MaxResults: -1}
		}), validation},
		{"history/maxResults 1001", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.done), MaxResults: 1001}
		}), wantErr{code: "ValidationException",
			msg: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"}},
		{"history/bad token", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.done), NextToken: aws.String("garbage")}
		}), badToken},
		{"history/token of 1025", "GetExecutionHistory", history(func(f fixture) *sfn.GetExecutionHistoryInput {
			return &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(f.done), NextToken: aws.String(strings.Repeat("t", 1025))}
		}), wantErr{code: "ValidationException", msg: "1 validation error detected: Value '" + strings.Repeat("t", 1025) +
			"' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"}},

		// ListExecutions
		{"list/nil input", "ListExecutions", list(func(fixture) *sfn.ListExecutionsInput { return nil }), validation},
		{"list/neither ARN", "ListExecutions", list(func(fixture) *sfn.ListExecutionsInput { return &sfn.ListExecutionsInput{} }), validation},
		{"list/both ARNs", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), MapRunArn: aws.String(unknownRun)}
		}), validation},
		{"list/PENDING_REDRIVE with stateMachineArn", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), StatusFilter: types.ExecutionStatusPendingRedrive}
		}), validation},
		{"list/bad statusFilter", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), StatusFilter: "succeeded"}
		}), wantErr{code: "ValidationException", msg: "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: " +
			"Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]"}},
		{"list/bad redriveFilter", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), RedriveFilter: "redriven"}
		}), validation},
		{"list/maxResults -1", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), MaxResults: -1}
		}), validation},
		{"list/maxResults 1001", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), MaxResults: 1001}
		}), wantErr{code: "ValidationException",
			msg: "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"}},
		{"list/bad token", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), NextToken: aws.String("garbage")}
		}), badToken},
		{"list/token of 3097", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{StateMachineArn: aws.String(f.sm), NextToken: aws.String(strings.Repeat("t", 3097))}
		}), wantErr{code: "ValidationException", msg: "1 validation error detected: Value '" + strings.Repeat("t", 3097) +
			"' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 3096"}},
		{"list/malformed", "ListExecutions", list(func(fixture) *sfn.ListExecutionsInput { return smIn("not_a_valid_arn") }), badPrefix},
		{"list/execution ARN", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput { return smIn(f.done) }), execKind},
		{"list/unknown", "ListExecutions", list(func(fixture) *sfn.ListExecutionsInput { return smIn(unknownSM) }), noSuchMachine(unknownSM)},
		{"list/unknown map run", "ListExecutions", list(func(fixture) *sfn.ListExecutionsInput {
			return &sfn.ListExecutionsInput{MapRunArn: aws.String(unknownRun)}
		}), wantErr{code: "ResourceNotFound"}},
		{"list/express", "ListExecutions", list(func(f fixture) *sfn.ListExecutionsInput { return smIn(f.express) }),
			wantErr{code: "StateMachineTypeNotSupported", msg: "This operation is not supported by this type of state machine"}},

		// SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat
		{"success/nil input", "SendTaskSuccess", success(nil), missing},
		{"success/no output", "SendTaskSuccess", success(&sfn.SendTaskSuccessInput{TaskToken: aws.String("tok")}), missing},
		{"success/empty token", "SendTaskSuccess", success(&sfn.SendTaskSuccessInput{TaskToken: aws.String(""), Output: aws.String("{}")}), validation},
		{"success/unknown token", "SendTaskSuccess", success(&sfn.SendTaskSuccessInput{TaskToken: aws.String("tok"), Output: aws.String("{}")}), badToken},
		{"success/output not JSON", "SendTaskSuccess", success(&sfn.SendTaskSuccessInput{TaskToken: aws.String("tok"), Output: aws.String("{")}),
			wantErr{code: "InvalidOutput"}},
		{"failure/nil input", "SendTaskFailure", failure(nil), missing},
		{"failure/unknown token", "SendTaskFailure", failure(&sfn.SendTaskFailureInput{TaskToken: aws.String("tok")}), badToken},
		{"failure/error of 257", "SendTaskFailure", failure(&sfn.SendTaskFailureInput{TaskToken: aws.String("tok"), Error: aws.String(strings.Repeat("e", 257))}),
			validation},
		{"heartbeat/nil input", "SendTaskHeartbeat", heartbeat(nil), missing},
		{"heartbeat/unknown token", "SendTaskHeartbeat", heartbeat(&sfn.SendTaskHeartbeatInput{TaskToken: aws.String("tok")}), badToken},
		{"heartbeat/token of 2049", "SendTaskHeartbeat", heartbeat(&sfn.SendTaskHeartbeatInput{TaskToken: aws.String(strings.Repeat("t", 2049))}), validation},

		// RedriveExecution
		{"redrive/nil input", "RedriveExecution", redrive(func(fixture) *sfn.RedriveExecutionInput { return nil }), missing},
		{"redrive/malformed", "RedriveExecution", redrive(func(fixture) *sfn.RedriveExecutionInput {
			return &sfn.RedriveExecutionInput{ExecutionArn: aws.String("not_a_valid_arn")}
		}), badPrefix},
		{"redrive/state machine ARN", "RedriveExecution", redrive(func(f fixture) *sfn.RedriveExecutionInput {
			return &sfn.RedriveExecutionInput{ExecutionArn: aws.String(f.sm)}
		}), smKind},
		{"redrive/express ARN", "RedriveExecution", redrive(func(f fixture) *sfn.RedriveExecutionInput {
			return &sfn.RedriveExecutionInput{ExecutionArn: aws.String(f.expressRun)}
		}), expressKind},
		{"redrive/unknown", "RedriveExecution", redrive(func(fixture) *sfn.RedriveExecutionInput {
			return &sfn.RedriveExecutionInput{ExecutionArn: aws.String(unknownExec)}
		}), noSuchExecution(unknownExec)},
		{"redrive/succeeded", "RedriveExecution", redrive(func(f fixture) *sfn.RedriveExecutionInput {
			return &sfn.RedriveExecutionInput{ExecutionArn: aws.String(f.done)}
		}), wantErr{code: "ExecutionNotRedrivable", msg: "Execution is SUCCEEDED and cannot be redriven"}},
	}
	before := snapshot(t, e)
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				err := tt.call(context.Background(), e, f)
				checkAPIError(t, tt.op, err, tt.want)
			})
		}
	})
	if diff := cmp.Diff(before, snapshot(t, e), sdkcmp.Options); diff != "" {
		t.Errorf("refused calls changed the engine (-before +after):\n%s", diff)
	}
}

// engineState is everything observable about an engine, for checking that a
// call changed nothing.
type engineState struct {
	Machines   []*sfn.DescribeStateMachineOutput
	Executions []*sfn.DescribeExecutionOutput
	Events     map[string]int
}

func snapshot(t *testing.T, e *sfnmem.Engine) engineState {
	t.Helper()
	ctx := context.Background()
	s := engineState{Events: map[string]int{}}
	machines, err := e.ListStateMachines(ctx, &sfn.ListStateMachinesInput{MaxResults: 1000})
	if err != nil {
		t.Fatalf("ListStateMachines = %v", err)
	}
	for _, m := range machines.StateMachines {
		d, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: m.StateMachineArn})
		if err != nil {
			t.Fatalf("DescribeStateMachine = %v", err)
		}
		s.Machines = append(s.Machines, d)
		if m.Type == types.StateMachineTypeExpress {
			continue
		}
		list, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: m.StateMachineArn, MaxResults: 1000})
		if err != nil {
			t.Fatalf("ListExecutions = %v", err)
		}
		for _, x := range list.Executions {
			arn := aws.ToString(x.ExecutionArn)
			s.Executions = append(s.Executions, mustDescribe(t, e, arn))
			s.Events[arn] = len(mustEvents(t, e, arn))
		}
	}
	return s
}

// Scalar JSON values are valid execution input, as recorded against AWS
// (research.md 2), and no input means "{}".
func TestStartExecutionInputs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input *string
		want  string
	}{
		{"number", aws.String("2"), "2"},
		{"string", aws.String(`"str"`), `"str"`},
		{"null", aws.String("null"), "null"},
		{"array", aws.String(`[1,2]`), `[1,2]`},
		{"absent", nil, "{}"},
		{"exactly 256 KiB", aws.String(`"` + strings.Repeat("x", 256*1024-2) + `"`), `"` + strings.Repeat("x", 256*1024-2) + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			sm := mustCreate(t, e, "pass", defPass)
			out, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: &sm, Input: tt.input})
			if err != nil {
				t.Fatalf("StartExecution(%.20q) = %v", aws.ToString(tt.input), err)
			}
			d := mustDescribe(t, e, aws.ToString(out.ExecutionArn))
			if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Input) != tt.want || aws.ToString(d.Output) != tt.want {
				t.Errorf("DescribeExecution: status %s, input %.40q, output %.40q; want SUCCEEDED, %.40q, %.40q",
					d.Status, aws.ToString(d.Input), aws.ToString(d.Output), tt.want, tt.want)
			}
		})
	}
}

// StartExecution with the name and input of a RUNNING execution returns that
// execution; any other reuse of a name is ExecutionAlreadyExists
// (API-StartExec, spec 4.2).
func TestStartExecutionNameReuse(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "waiter", defWait)
	ctx := context.Background()
	start := func(input string) (*sfn.StartExecutionOutput, error) {
		return e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("x"), Input: &input})
	}
	first, err := start(`{"a":1}`)
	if err != nil {
		t.Fatalf("StartExecution = %v", err)
	}
	events := len(mustEvents(t, e, aws.ToString(first.ExecutionArn)))
	clk.Advance(10 * time.Second)

	again, err := start(`{"a":1}`)
	if err != nil {
		t.Fatalf("StartExecution(same name and input, RUNNING) = %v, want the running execution", err)
	}
	if diff := cmp.Diff(first, again, sdkcmp.Options); diff != "" {
		t.Errorf("idempotent StartExecution (-first +again):\n%s", diff)
	}
	if got := len(mustEvents(t, e, aws.ToString(first.ExecutionArn))); got != events {
		t.Errorf("history has %d events after the idempotent start, want %d", got, events)
	}

	_, err = start(`{"a":2}`)
	checkAPIError(t, "StartExecution", err, wantErr{code: "ExecutionAlreadyExists"})

	clk.Advance(time.Minute) // the execution succeeds
	_, err = start(`{"a":1}`)
	checkAPIError(t, "StartExecution", err, wantErr{code: "ExecutionAlreadyExists"})

	list, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm})
	if err != nil || len(list.Executions) != 1 {
		t.Fatalf("ListExecutions = %v, %v; want exactly one execution", list, err)
	}
}

// A cancelled context makes every operation return the context's error and
// change nothing.
func TestCancelledContext(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	token := ""
	e.HandleTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		token = in.TaskToken
		return nil, sfnmem.ErrTaskPending
	})
	sm := mustCreate(t, e, "waiter", defWait)
	cb := mustCreate(t, e, "callback", defCallback)
	failed := mustCreate(t, e, "failing", defFail)
	running := mustStart(t, e, sm, "running", `{}`)
	mustStart(t, e, cb, "pending", `{}`)
	broken := mustStart(t, e, failed, "broken", `{}`)
	if token == "" {
		t.Fatal("the callback task was not called")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := map[string]func() error{
		"CreateStateMachine": func() error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("new"), Definition: aws.String(defPass), RoleArn: aws.String(role)})
			return err
		},
		"DescribeStateMachine": func() error {
			_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
			return err
		},
		"ListStateMachines": func() error { _, err := e.ListStateMachines(ctx, &sfn.ListStateMachinesInput{}); return err },
		"DeleteStateMachine": func() error {
			_, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &failed})
			return err
		},
		"StartExecution": func() error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("new")})
			return err
		},
		"StopExecution": func() error {
			_, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &running})
			return err
		},
		"DescribeExecution": func() error {
			_, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: &running})
			return err
		},
		"ListExecutions": func() error {
			_, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm})
			return err
		},
		"GetExecutionHistory": func() error {
			_, err := e.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &running})
			return err
		},
		"RedriveExecution": func() error {
			_, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &broken})
			return err
		},
		"SendTaskSuccess": func() error {
			_, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String("{}")})
			return err
		},
		"SendTaskFailure": func() error {
			_, err := e.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: &token})
			return err
		},
		"SendTaskHeartbeat": func() error {
			_, err := e.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: &token})
			return err
		},
	}
	before := snapshot(t, e)
	for op, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s(cancelled context) = %v, want context.Canceled", op, err)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, e), sdkcmp.Options); diff != "" {
		t.Errorf("calls with a cancelled context changed the engine (-before +after):\n%s", diff)
	}
}

// No input, however malformed, makes an operation panic.
func TestNoInputPanics(t *testing.T) {
	t.Parallel()
	e, f := newFixture(t)
	hostile := []string{
		"", " ", "\x00", "\xff\xfe", "null", "{", "[]", `{"StartAt":1}`, "arn:", "arn:aws", "arn:aws:states:::::",
		arnPrefix, arnPrefix + "execution:", arnPrefix + "execution::", arnPrefix + "execution:a:b:c:d",
		arnPrefix + "express:a:b", arnPrefix + "express:a/b:c:d", arnPrefix + "mapRun:a:b", arnPrefix + "mapRun:a/:b",
		arnPrefix + "stateMachine:", arnPrefix + "stateMachine:a:", arnPrefix + "stateMachine:a:0", arnPrefix + "stateMachine:a:-1",
		arnPrefix + "stateMachine:a/b/c", arnPrefix + "stateMachine:a:b:c:d", arnPrefix + "activity:a",
		f.sm + ":99999999999999999999", f.sm + "/" + strings.Repeat("l", 50), f.done + "\x00", f.expressRun + ":x",
		arnPrefix + "stateMachine:" + strings.Repeat("x", 3000), strings.Repeat("é", 100),
		base64Like(), strings.Repeat("{", 10000),
	}
	ctx := context.Background()
	ops := map[string]func(s string) error{
		"CreateStateMachine(name)": func(s string) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: &s, Definition: aws.String(defPass), RoleArn: aws.String(role)})
			return err
		},
		"CreateStateMachine(definition)": func(s string) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("h"), Definition: &s, RoleArn: aws.String(role)})
			return err
		},
		"CreateStateMachine(roleArn)": func(s string) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("h"), Definition: aws.String(defPass), RoleArn: &s})
			return err
		},
		"DescribeStateMachine": func(s string) error {
			_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &s})
			return err
		},
		"ListStateMachines": func(s string) error {
			_, err := e.ListStateMachines(ctx, &sfn.ListStateMachinesInput{NextToken: &s})
			return err
		},
		"StartExecution(arn)": func(s string) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &s})
			return err
		},
		"StartExecution(name)": func(s string) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &f.sm, Name: &s})
			return err
		},
		"StartExecution(input)": func(s string) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &f.sm, Input: &s})
			return err
		},
		"StopExecution": func(s string) error {
			_, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &s, Error: &s, Cause: &s})
			return err
		},
		"DescribeExecution": func(s string) error {
			_, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: &s})
			return err
		},
		"GetExecutionHistory(arn)": func(s string) error {
			_, err := e.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &s})
			return err
		},
		"GetExecutionHistory(token)": func(s string) error {
			_, err := e.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &f.done, NextToken: &s, ReverseOrder: len(s)%2 == 0})
			return err
		},
		"ListExecutions(stateMachineArn)": func(s string) error {
			_, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &s})
			return err
		},
		"ListExecutions(mapRunArn)": func(s string) error {
			_, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: &s})
			return err
		},
		"ListExecutions(token)": func(s string) error {
			_, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &f.sm, NextToken: &s})
			return err
		},
		"RedriveExecution(arn)": func(s string) error {
			_, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &s})
			return err
		},
		"RedriveExecution(clientToken)": func(s string) error {
			_, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &f.done, ClientToken: &s})
			return err
		},
		"DeleteStateMachine": func(s string) error {
			_, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &s})
			return err
		},
		"SendTaskSuccess": func(s string) error {
			_, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &s, Output: &s})
			return err
		},
		"SendTaskFailure": func(s string) error {
			_, err := e.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: &s, Error: &s, Cause: &s})
			return err
		},
		"SendTaskHeartbeat": func(s string) error {
			_, err := e.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: &s})
			return err
		},
	}
	for op, call := range ops {
		for _, s := range hostile {
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Errorf("%s(%.40q) panicked: %v", op, s, v)
					}
				}()
				_ = call(s)
			}()
		}
	}
}

// base64Like is a token-shaped string that no engine issued.
func base64Like() string { return fmt.Sprintf("djEuMTIzLjQ1Ng%s", strings.Repeat("A", 20)) }
