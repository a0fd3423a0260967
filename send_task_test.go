package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

const sqsCallback = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"

// defCallback waits for a task token, with a 10s heartbeat and a 100s timeout.
const defCallback = `{"StartAt":"Approve","States":{"Approve":{"Type":"Task","Resource":"` + sqsCallback + `",
	"Parameters":{"token.$":"$$.Task.Token"},"HeartbeatSeconds":10,"TimeoutSeconds":100,"End":true}}}`

// pendingTasks registers a callback handler that leaves every task open and
// returns the tokens it was given, in order.
func pendingTasks(e *sfnmem.Engine) *[]string {
	var tokens []string
	e.HandleTask(sqsCallback, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		tokens = append(tokens, in.TaskToken)
		return nil, sfnmem.ErrTaskPending
	})
	return &tokens
}

// taskTimedOut is AWS's recorded answer for a token whose task has closed
// (research.md 2).
var taskTimedOut = wantErr{code: "TaskTimedOut", msg: "Task Timed Out: 'Provided task does not exist anymore'"}

// A token the engine never issued is InvalidToken; a token whose task has
// closed (completed, timed out, or its execution stopped) is TaskTimedOut,
// for each of the three operations.
func TestSendTaskTokenErrors(t *testing.T) {
	t.Parallel()
	ops := map[string]func(e *sfnmem.Engine, token string) error{
		"SendTaskSuccess": func(e *sfnmem.Engine, token string) error {
			_, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{}`)})
			return err
		},
		"SendTaskFailure": func(e *sfnmem.Engine, token string) error {
			_, err := e.SendTaskFailure(context.Background(), &sfn.SendTaskFailureInput{TaskToken: &token, Error: aws.String("E")})
			return err
		},
		"SendTaskHeartbeat": func(e *sfnmem.Engine, token string) error {
			_, err := e.SendTaskHeartbeat(context.Background(), &sfn.SendTaskHeartbeatInput{TaskToken: &token})
			return err
		},
	}
	tests := []struct {
		name  string
		close func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn, token string) string
		want  wantErr
	}{
		{"unknown token", func(*testing.T, *sfnmem.Engine, interface{ Advance(time.Duration) }, string, string) string {
			return "AQBnot-a-token"
		}, badToken},
		{"completed task", func(t *testing.T, e *sfnmem.Engine, _ interface{ Advance(time.Duration) }, _, token string) string {
			if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{}`)}); err != nil {
				t.Fatalf("SendTaskSuccess = %v", err)
			}
			return token
		}, taskTimedOut},
		{"failed task", func(t *testing.T, e *sfnmem.Engine, _ interface{ Advance(time.Duration) }, _, token string) string {
			if _, err := e.SendTaskFailure(context.Background(), &sfn.SendTaskFailureInput{TaskToken: &token}); err != nil {
				t.Fatalf("SendTaskFailure = %v", err)
			}
			return token
		}, taskTimedOut},
		{"heartbeat timed out", func(_ *testing.T, _ *sfnmem.Engine, clk interface{ Advance(time.Duration) }, _, token string) string {
			clk.Advance(10 * time.Second)
			return token
		}, taskTimedOut},
		{"execution stopped", func(t *testing.T, e *sfnmem.Engine, _ interface{ Advance(time.Duration) }, arn, token string) string {
			if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
				t.Fatalf("StopExecution = %v", err)
			}
			return token
		}, taskTimedOut},
	}
	for op, call := range ops {
		for _, tt := range tests {
			t.Run(op+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				e, clk := newEngine(t)
				tokens := pendingTasks(e)
				sm := mustCreate(t, e, "approval", defCallback)
				arn := mustStart(t, e, sm, "x", `{}`)
				token := tt.close(t, e, clk, arn, (*tokens)[0])
				before := mustDescribe(t, e, arn)
				events := len(mustEvents(t, e, arn))
				checkAPIError(t, op, call(e, token), tt.want)
				if after := mustDescribe(t, e, arn); after.Status != before.Status || len(mustEvents(t, e, arn)) != events {
					t.Errorf("%s changed the execution: status %s → %s", op, before.Status, after.Status)
				}
			})
		}
	}
}

// Output that is not JSON is InvalidOutput and leaves the task open; valid
// output completes it.
func TestSendTaskSuccessOutput(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	tokens := pendingTasks(e)
	sm := mustCreate(t, e, "approval", defCallback)
	arn := mustStart(t, e, sm, "x", `{}`)
	token := (*tokens)[0]
	for _, bad := range []string{"not json", "{", "", `{"a":1}}`} {
		_, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(bad)})
		checkAPIError(t, "SendTaskSuccess", err, wantErr{code: "InvalidOutput"})
	}
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusRunning {
		t.Fatalf("status after refused outputs = %s, want RUNNING", got)
	}
	if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"approved": true}`)}); err != nil {
		t.Fatalf("SendTaskSuccess = %v", err)
	}
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"approved":true}` {
		t.Errorf("after SendTaskSuccess: status %s, output %s; want SUCCEEDED, {\"approved\":true}", d.Status, aws.ToString(d.Output))
	}
}

// SendTaskFailure fails the task with its error, which the state's Retry and
// Catch match on.
func TestSendTaskFailureRetryCatch(t *testing.T) {
	t.Parallel()
	const def = `{"StartAt":"Charge","States":{
		"Charge":{"Type":"Task","Resource":"` + sqsCallback + `","Parameters":{"t.$":"$$.Task.Token"},
		  "Retry":[{"ErrorEquals":["Card.Busy"],"MaxAttempts":1,"IntervalSeconds":1}],
		  "Catch":[{"ErrorEquals":["Card.Declined"],"ResultPath":"$.error","Next":"Declined"}],"End":true},
		"Declined":{"Type":"Pass","End":true}}}`
	fail := func(t *testing.T, e *sfnmem.Engine, token, errName, cause string) {
		t.Helper()
		if _, err := e.SendTaskFailure(context.Background(), &sfn.SendTaskFailureInput{TaskToken: &token, Error: &errName, Cause: &cause}); err != nil {
			t.Fatalf("SendTaskFailure(%s) = %v", errName, err)
		}
	}
	tests := []struct {
		name      string
		second    string // error of the second attempt
		status    types.ExecutionStatus
		output    string
		errName   string
		execCause string
	}{
		{"caught", "Card.Declined", types.ExecutionStatusSucceeded,
			`{"error":{"Cause":"no funds","Error":"Card.Declined"},"order":1}`, "", ""},
		{"uncaught", "Card.Stolen", types.ExecutionStatusFailed, "", "Card.Stolen", "no funds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, clk := newEngine(t)
			tokens := pendingTasks(e)
			sm := mustCreate(t, e, "charge", def)
			arn := mustStart(t, e, sm, "x", `{"order":1}`)
			fail(t, e, (*tokens)[0], "Card.Busy", "busy")
			if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusRunning || len(*tokens) != 1 {
				t.Fatalf("after the retryable failure: status %s, %d attempts; want RUNNING, 1", got, len(*tokens))
			}
			clk.Advance(time.Second) // IntervalSeconds
			if len(*tokens) != 2 || (*tokens)[1] == (*tokens)[0] {
				t.Fatalf("retry attempts = %d (tokens %q), want a second attempt with a new token", len(*tokens), *tokens)
			}
			fail(t, e, (*tokens)[1], tt.second, "no funds")
			d := mustDescribe(t, e, arn)
			if d.Status != tt.status || aws.ToString(d.Output) != tt.output || aws.ToString(d.Error) != tt.errName || aws.ToString(d.Cause) != tt.execCause {
				t.Errorf("DescribeExecution: status %s, output %q, error %q, cause %q; want %s, %q, %q, %q",
					d.Status, aws.ToString(d.Output), aws.ToString(d.Error), aws.ToString(d.Cause), tt.status, tt.output, tt.errName, tt.execCause)
			}
		})
	}
}

// SendTaskHeartbeat restarts HeartbeatSeconds (writing no event) but not
// TimeoutSeconds. A lapsed heartbeat fails the task with States.Timeout, as
// recorded against AWS (research.md 1i), not States.HeartbeatTimeout.
func TestSendTaskHeartbeat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		beats     int // heartbeats, 8s apart
		thenWait  time.Duration
		wantState types.ExecutionStatus
		wantError string
	}{
		{"no heartbeat", 0, 10 * time.Second, types.ExecutionStatusFailed, "States.Timeout"},
		{"heartbeats keep it alive", 3, 9 * time.Second, types.ExecutionStatusRunning, ""},
		{"heartbeat timeout after the last beat", 3, 10 * time.Second, types.ExecutionStatusFailed, "States.Timeout"},
		{"heartbeats do not extend TimeoutSeconds", 12, 4 * time.Second, types.ExecutionStatusFailed, "States.Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, clk := newEngine(t)
			tokens := pendingTasks(e)
			sm := mustCreate(t, e, "approval", defCallback)
			arn := mustStart(t, e, sm, "x", `{}`)
			token := (*tokens)[0]
			events := len(mustEvents(t, e, arn))
			for i := 0; i < tt.beats; i++ {
				clk.Advance(8 * time.Second)
				if _, err := e.SendTaskHeartbeat(context.Background(), &sfn.SendTaskHeartbeatInput{TaskToken: &token}); err != nil {
					t.Fatalf("SendTaskHeartbeat #%d at %s = %v", i+1, clk.Now().Sub(t0), err)
				}
			}
			if got := len(mustEvents(t, e, arn)); got != events {
				t.Errorf("heartbeats wrote %d events, want none", got-events)
			}
			clk.Advance(tt.thenWait)
			d := mustDescribe(t, e, arn)
			if d.Status != tt.wantState || aws.ToString(d.Error) != tt.wantError {
				t.Errorf("at %s: status %s, error %q; want %s, %q", clk.Now().Sub(t0), d.Status, aws.ToString(d.Error), tt.wantState, tt.wantError)
			}
		})
	}
}

// A handler may complete its own task with SendTaskSuccess (it runs without
// the engine's lock) and then return ErrTaskPending.
func TestHandlerCompletesItsOwnTask(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		resource string
	}{
		{"request-response", "arn:aws:lambda:us-east-1:123456789012:function:self"},
		{"callback", sqsCallback},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			var sendErr error
			e.HandleTask(tt.resource, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
				_, sendErr = e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(in.TaskToken), Output: aws.String(`{"self":true}`)})
				return nil, sfnmem.ErrTaskPending
			})
			sm := mustCreate(t, e, "self", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+tt.resource+`",
				"Parameters":{"token.$":"$$.Task.Token"},"End":true}}}`)
			arn := mustStart(t, e, sm, "x", `{}`)
			if sendErr != nil {
				t.Fatalf("SendTaskSuccess from the handler = %v", sendErr)
			}
			d := mustDescribe(t, e, arn)
			if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"self":true}` {
				t.Errorf("status %s, output %s; want SUCCEEDED, {\"self\":true}", d.Status, aws.ToString(d.Output))
			}
		})
	}
}

// A handler that panics fails its task as States.TaskFailed with a cause
// naming the panic, and the engine keeps serving.
func TestHandlerPanics(t *testing.T) {
	t.Parallel()
	const fn = "arn:aws:lambda:us-east-1:123456789012:function:explode"
	tests := []struct {
		name  string
		value any
		cause string
	}{
		{"string", "kaboom", "kaboom"},
		{"error", errors.New("nil map write"), "nil map write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			calls := 0
			e.HandleTask(fn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
				calls++
				if calls == 1 {
					panic(tt.value)
				}
				return json.RawMessage(`{"fine":true}`), nil
			})
			sm := mustCreate(t, e, "explode", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+fn+`","End":true}}}`)
			arn := mustStart(t, e, sm, "first", `{}`)
			d := mustDescribe(t, e, arn)
			if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.TaskFailed" || !strings.Contains(aws.ToString(d.Cause), tt.cause) {
				t.Errorf("after a panic: status %s, error %q, cause %q; want FAILED, States.TaskFailed, a cause naming %q",
					d.Status, aws.ToString(d.Error), aws.ToString(d.Cause), tt.cause)
			}
			next := mustStart(t, e, sm, "second", `{}`)
			if got := mustDescribe(t, e, next).Status; got != types.ExecutionStatusSucceeded {
				t.Errorf("next execution: status %s, want SUCCEEDED", got)
			}
		})
	}
}
