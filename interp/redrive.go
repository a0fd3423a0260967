package interp

import (
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
)

// ErrNothingToRedrive is returned by Redrive when the history shows no state
// that was entered and not exited (for example an execution that entered a
// Succeed state before it was stopped).
var ErrNothingToRedrive = errors.New("interp: no unsuccessful state to redrive")

// Redrive reopens a closed run (RedriveExecution): it appends
// ExecutionRedriven and resumes from the top-level state that was entered
// and not exited when the run closed (spec 1.4). The run keeps that state's
// frame, with its input and, for a Parallel or Map, which children
// succeeded, so the resume point costs nothing to find however long the
// history; it is the state redrive.PlanFrom reads from the history (the
// tests check that the two agree). The resumed state gets no new Entered event, except a Fail state, which the
// docs say is re-entered (docs/decisions.md, "Events after ExecutionRedriven").
// Its retry counters start again from zero, a Task's TimeoutSeconds counts
// from now, and so does the state machine's TimeoutSeconds.
func (r *Run) Redrive(now time.Time) error {
	if r.open {
		return errors.New("interp: run is still open")
	}
	f := r.top
	if f == nil || f.state == nil || f.state.Type == asl.TypeSucceed {
		return ErrNothingToRedrive
	}
	last := r.lastEventID()
	r.open = true
	r.redrives++
	r.redriveTime = now
	r.guard(now, func() {
		f.prev = r.emit(types.HistoryEventTypeExecutionRedriven, last, now, &types.ExecutionRedrivenEventDetails{
			RedriveCount: int32p(int32(r.redrives)),
		})
		r.armExecutionTimeout(now)
		r.resume(f, now)
	})
	return nil
}

// resume runs a frame's unfinished state again (spec 1.4): its retry
// counters start from zero; a Fail state is re-entered and fails again; a
// Parallel or Map re-runs only the branches and iterations that did not
// succeed, resuming each from its own unfinished state, unless it failed
// with States.DataLimitExceeded, which re-runs it whole. Other states are
// run again from their start, without a new Entered event.
func (r *Run) resume(f *frame, now time.Time) {
	st := f.state
	f.resetAttempts(len(st.Retry))
	f.retryCount = 0
	whole := f.lastError == asl.ErrDataLimitExceeded
	f.lastError = ""
	switch {
	case st.Type == asl.TypeFail:
		r.enter(f, st.Name, f.input, now)
	case st.Type == asl.TypeMap && st.ItemProcessor.ProcessorMode == "DISTRIBUTED":
		r.redriveDistributed(f, whole || f.lastError == asl.ErrRuntime, now)
	case f.group != nil && !whole:
		r.resumeGroup(f, now)
	default:
		f.group = nil
		r.execute(f, now)
	}
}

// resumeGroup writes the state's Started event again and re-launches every
// child that did not succeed.
func (r *Run) resumeGroup(f *frame, now time.Time) {
	g := f.group
	g.failed, g.running = false, 0
	var redo []int
	for _, c := range g.children {
		if c.status != childSucceeded {
			redo = append(redo, c.index)
			c.status = childPending
		}
	}
	if g.kind == asl.TypeMap {
		f.prev = r.emit(types.HistoryEventTypeMapStateStarted, f.prev, now, &types.MapStateStartedEventDetails{Length: int32(len(g.children))})
	} else {
		f.prev = r.emit(types.HistoryEventTypeParallelStateStarted, f.prev, now, nil)
	}
	r.launch(g, redo, f.prev, now)
}

// Redrives returns how many times the run has been redriven.
func (r *Run) Redrives() int { return r.redrives }

func int32p(v int32) *int32 { return &v }
