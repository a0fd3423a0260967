package sfnmem

import (
	"context"
	"encoding/json"
	"errors"
)

// TaskHandler runs a Task state. It is called without the engine's lock
// held, so it may call any Engine method. Return the task's result as JSON;
// return a *TaskFailure to fail it with an error name Retry and Catch match
// on, ErrTaskPending to leave it open for SendTaskSuccess/SendTaskFailure,
// or any other error to fail it as States.TaskFailed.
type TaskHandler func(ctx context.Context, in TaskInput) (json.RawMessage, error)

// TaskInput is what a TaskHandler receives.
type TaskInput struct {
	Resource     string          // the state's Resource, as written in the definition
	StateName    string          // the Task state's name
	Input        json.RawMessage // the effective input, after InputPath and Parameters
	ExecutionArn string
	RetryCount   int    // 0 on the first attempt of this state in this run
	RedriveCount int    // the execution's redriveCount when the task started
	TaskToken    string // always set; completes the task via SendTaskSuccess/Failure
}

// TaskFailure fails a task with an error name that Retry and Catch match on.
type TaskFailure struct {
	ErrorName string // e.g. "Payment.Declined"; becomes the event's and the execution's error
	Cause     string
}

// Error returns "ErrorName: Cause".
func (f *TaskFailure) Error() string {
	if f.Cause == "" {
		return f.ErrorName
	}
	return f.ErrorName + ": " + f.Cause
}

// ErrTaskPending, returned by a TaskHandler, leaves the task open: the test
// completes it later with SendTaskSuccess or SendTaskFailure using
// TaskInput.TaskToken. Until then the task can time out or miss its
// heartbeat on the engine clock.
var ErrTaskPending = errors.New("sfnmem: task pending")

// HandleTask registers h for Task states whose Resource is exactly resource.
// For the Lambda integration (arn:aws:states:::lambda:invoke, also
// .waitForTaskToken) a handler registered under the function's ARN (the
// state's Parameters.FunctionName) is found too: it receives the Payload, and
// its result is returned wrapped in Lambda's Invoke response, as AWS does.
// Registering again replaces the handler.
func (e *Engine) HandleTask(resource string, h TaskHandler) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.handlers[resource] = h
	e.lastHandler = handlerMemo{}
}
