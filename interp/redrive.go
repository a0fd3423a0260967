package interp

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/redrive"
)

// ErrNothingToRedrive is returned by Redrive when the history shows no state
// that was entered and not exited (for example an execution that entered a
// Succeed state before it was stopped).
var ErrNothingToRedrive = errors.New("interp: no unsuccessful state to redrive")

// Redrive reopens a closed run (RedriveExecution): it appends
// ExecutionRedriven and resumes from the top-level state that was entered
// and not exited when the run closed, as the history shows it (spec 1.4). The
// resumed state gets no new Entered event, except a Fail state, which the
// docs say is re-entered (docs/decisions.md, "Events after ExecutionRedriven").
// Its retry counters start again from zero, a Task's TimeoutSeconds counts
// from now, and so does the state machine's TimeoutSeconds.
func (r *Run) Redrive(now time.Time) error {
	if r.open {
		return errors.New("interp: run is still open")
	}
	plan, err := redrive.PlanFromTop(r.log.Events(), r.topStates())
	if err != nil {
		return err
	}
	if plan.State == "" {
		return ErrNothingToRedrive
	}
	st, ok := r.cfg.Definition.States[plan.State]
	if !ok {
		return fmt.Errorf("interp: history names state %q, which the definition lacks", plan.State)
	}
	input, err := jsonv.DecodeString(plan.Input)
	if err != nil {
		return fmt.Errorf("interp: input of state %q: %w", plan.State, err)
	}
	r.open = true
	r.redrives++
	r.redriveTime = now
	r.guard(now, func() {
		id := r.emit(types.HistoryEventTypeExecutionRedriven, plan.LastEvent, now, &types.ExecutionRedrivenEventDetails{
			RedriveCount: int32p(int32(r.redrives)),
		})
		r.armExecutionTimeout(now)
		f := &frame{run: r, def: r.cfg.Definition, prev: id}
		r.top = f
		if st.Type == asl.TypeFail {
			r.enter(f, plan.State, input, now)
			return
		}
		f.state, f.input, f.entered = st, input, plan.EnteredID
		if ev, ok := r.log.Event(plan.EnteredID); ok && ev.Timestamp != nil {
			f.enteredAt = *ev.Timestamp
		}
		f.attempts = make([]int, len(st.Retry))
		r.execute(f, now)
	})
	return nil
}

// topStates names the states of the top-level definition.
func (r *Run) topStates() map[string]bool {
	if r.topNames == nil {
		r.topNames = make(map[string]bool, len(r.cfg.Definition.States))
		for name := range r.cfg.Definition.States {
			r.topNames[name] = true
		}
	}
	return r.topNames
}

// Redrives returns how many times the run has been redriven.
func (r *Run) Redrives() int { return r.redrives }

func int32p(v int32) *int32 { return &v }
