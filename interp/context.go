package interp

import (
	"time"

	"github.com/sfnmem/sfnmem/asl"
)

// isoMillis is how the context object writes times: ISO 8601, UTC,
// milliseconds (DG-Context).
const isoMillis = "2006-01-02T15:04:05.000Z"

// context builds the context object ($$) for the current state of f. token
// is the task token for Task states, "" otherwise. A definition that never
// mentions "$$" gets nil: nothing could read it, and building it for every
// state is the largest cost of a simple state.
func (r *Run) context(f *frame, token string) map[string]any {
	if !r.cfg.Definition.UsesContext {
		return nil
	}
	state := map[string]any{
		"EnteredTime": time.Unix(0, f.enteredAt).UTC().Format(isoMillis),
		"Name":        f.state.Name,
	}
	if f.state.Type == asl.TypeTask {
		// RetryCount exists in Task states only (DG-Context; research 5).
		state["RetryCount"] = int64(f.retryCount)
	}
	ctx := map[string]any{
		"Execution":    r.executionContext(),
		"State":        state,
		"StateMachine": r.machineContext(),
	}
	if token != "" && f.state.Type == asl.TypeTask {
		ctx["Task"] = map[string]any{"Token": token}
	}
	return ctx
}

// executionContext is $$.Execution, built once per attempt: values are never
// modified in place, so every state shares it.
func (r *Run) executionContext() map[string]any {
	if r.execCtx != nil && r.execCtxRedrives == r.redrives {
		return r.execCtx
	}
	x := r.cfg.Execution
	exec := map[string]any{
		"Id":           x.ARN,
		"Input":        r.input,
		"Name":         x.Name,
		"RoleArn":      x.RoleARN,
		"StartTime":    x.StartTime.UTC().Format(isoMillis),
		"RedriveCount": int64(r.redrives),
	}
	if r.redrives > 0 {
		// RedriveTime exists only after a redrive (aws-recorded.md 3.3).
		exec["RedriveTime"] = r.redriveTime.UTC().Format(isoMillis)
	}
	r.execCtx, r.execCtxRedrives = exec, r.redrives
	return exec
}

func (r *Run) machineContext() map[string]any {
	x := r.cfg.Execution
	return map[string]any{"Id": x.StateMachineARN, "Name": x.StateMachineName}
}
