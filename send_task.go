package sfnmem

import (
	"time"

	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/interp"
)

// SendTaskSuccess completes the task that token names with output, as
// [sfn.Client.SendTaskSuccess], and runs its execution on as far as it can
// go without the clock moving. A token this engine never issued is
// InvalidToken; one whose task has already closed (completed, failed, timed
// out, or its execution stopped) is TaskTimedOut, as AWS answers. optFns are
// accepted and ignored.
func (e *Engine) SendTaskSuccess(ctx context.Context, in *sfn.SendTaskSuccessInput, optFns ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error) {
	const op = "SendTaskSuccess"
	if err := begin(ctx, op, "taskToken", in != nil && in.TaskToken != nil); err != nil {
		return nil, err
	}
	if in.Output == nil {
		return nil, missingRequired(op, "output")
	}
	if len(*in.Output) > interp.MaxPayload {
		return nil, validation(op, "Value at 'output' failed to satisfy constraint: Member must have length less than or equal to 262144")
	}
	v, err := jsonv.DecodeString(*in.Output)
	if err != nil {
		return nil, invalidOutput(op, "Invalid Output: '"+err.Error()+"'")
	}
	output := jsonv.MustEncodeString(v)
	err = e.sendTask(ctx, op, *in.TaskToken, func(r *interp.Run, now timeNow) error { return r.Succeed(*in.TaskToken, output, now()) })
	if err != nil {
		return nil, err
	}
	return &sfn.SendTaskSuccessOutput{}, nil
}

// SendTaskFailure fails the task that token names with error and cause, as
// [sfn.Client.SendTaskFailure]; the state's Retry and Catch apply. Token
// errors are as for SendTaskSuccess. optFns are accepted and ignored.
func (e *Engine) SendTaskFailure(ctx context.Context, in *sfn.SendTaskFailureInput, optFns ...func(*sfn.Options)) (*sfn.SendTaskFailureOutput, error) {
	const op = "SendTaskFailure"
	if err := begin(ctx, op, "taskToken", in != nil && in.TaskToken != nil); err != nil {
		return nil, err
	}
	if in.Error != nil && len(*in.Error) > 256 {
		return nil, validation(op, "Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256")
	}
	if in.Cause != nil && len(*in.Cause) > 32768 {
		return nil, validation(op, "Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768")
	}
	errName, cause := deref(in.Error), deref(in.Cause)
	err := e.sendTask(ctx, op, *in.TaskToken, func(r *interp.Run, now timeNow) error { return r.Fail(*in.TaskToken, errName, cause, now()) })
	if err != nil {
		return nil, err
	}
	return &sfn.SendTaskFailureOutput{}, nil
}

// SendTaskHeartbeat restarts the HeartbeatSeconds timer of the task that
// token names, as [sfn.Client.SendTaskHeartbeat]. It writes no history event
// (as recorded against AWS). Token errors are as for SendTaskSuccess. optFns
// are accepted and ignored.
func (e *Engine) SendTaskHeartbeat(ctx context.Context, in *sfn.SendTaskHeartbeatInput, optFns ...func(*sfn.Options)) (*sfn.SendTaskHeartbeatOutput, error) {
	const op = "SendTaskHeartbeat"
	if err := begin(ctx, op, "taskToken", in != nil && in.TaskToken != nil); err != nil {
		return nil, err
	}
	err := e.sendTask(ctx, op, *in.TaskToken, func(r *interp.Run, now timeNow) error { return r.Heartbeat(*in.TaskToken, now()) })
	if err != nil {
		return nil, err
	}
	return &sfn.SendTaskHeartbeatOutput{}, nil
}

type timeNow = func() time.Time

// sendTask finds the execution a token belongs to, applies f to its run, and
// drives what follows.
func (e *Engine) sendTask(ctx context.Context, op, token string, f func(*interp.Run, timeNow) error) error {
	if len(token) == 0 || len(token) > 2048 {
		return validation(op, "Value at 'taskToken' failed to satisfy constraint: Member must have length between 1 and 2048")
	}
	d := &driver{e: e}
	e.mu.Lock()
	x, ok := e.tokenExecutionLocked(token)
	if !ok {
		e.mu.Unlock()
		return invalidToken(op, "Invalid token")
	}
	if x.open == nil { // it succeeded: every task of it has closed
		e.mu.Unlock()
		return taskTimedOut(op)
	}
	err := f(x.open.run, e.now)
	e.applyLocked(x, d)
	e.mu.Unlock()
	if errors.Is(err, interp.ErrTaskNotOpen) {
		return taskTimedOut(op)
	}
	if err != nil {
		return err
	}
	d.run(ctx)
	return nil
}

// tokenExecutionLocked returns the execution a task token names: by the
// seq its prefix names (appendTokenPrefix), or, for a token of the form an
// older version made, restored from its snapshot, by its prefix.
func (e *Engine) tokenExecutionLocked(token string) (*executionState, bool) {
	key := tokenExecutionKey(token)
	if seq, ok := tokenSeq(key); ok {
		return e.executions.bySeq(seq)
	}
	x, ok := e.tasks[key]
	return x, ok
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
