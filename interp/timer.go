package interp

import (
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

type timerKind int

const (
	timerWait timerKind = iota
	timerRetry
	timerTaskTimeout
	timerHeartbeat
	timerExecution
	timerMaxOpen
)

// MaxOpen is the longest an execution may stay open, counted from its
// original start across redrives (DG-Quotas: one year).
const MaxOpen = 365 * 24 * time.Hour

type timer struct {
	kind  timerKind
	frame *frame
	token string    // task timers
	at    time.Time // when it fires
}

// arm schedules t at at and returns its id.
func (r *Run) arm(at time.Time, t timer) int64 {
	r.nextTimer++
	id := r.nextTimer
	t.at = at
	r.timers.Set(id, t)
	r.effects.Timers = append(r.effects.Timers, TimerArm{ID: id, At: at})
	return id
}

// disarm cancels timer id if it is still pending.
func (r *Run) disarm(id int64) {
	if _, ok := r.timers.Get(id); ok {
		r.timers.Delete(id)
		r.effects.Cancel = append(r.effects.Cancel, id)
	}
}

// Fire runs timer id at now. Timers that were cancelled, or belong to an
// earlier attempt of a redriven run, are ignored.
func (r *Run) Fire(id int64, now time.Time) {
	t, ok := r.timers.Get(id)
	if !ok || !r.open {
		return
	}
	r.timers.Delete(id)
	r.guard(now, func() {
		switch t.kind {
		case timerWait:
			r.waitElapsed(t.frame, now)
		case timerRetry:
			r.retryDue(t.frame, now)
		case timerTaskTimeout:
			r.taskTimedOut(t.token, timeoutError, now)
		case timerHeartbeat:
			r.taskTimedOut(t.token, heartbeatError, now)
		case timerExecution, timerMaxOpen:
			r.executionTimedOut(now)
		}
	})
}

// armExecutionTimeout arms the state machine's TimeoutSeconds, counted from
// now (the start, or the redrive: spec 1.4 "reset to 0"), and the one-year
// maximum. Both are deferred (see armDeferred).
func (r *Run) armExecutionTimeout(now time.Time) {
	// The one-year maximum fails the execution with States.Timeout
	// (DG-Quotas); it is not reset by a redrive.
	r.armLater(r.cfg.Execution.StartTime.Add(MaxOpen), timerMaxOpen)
	if ts := r.cfg.Definition.TimeoutSeconds; ts != nil {
		r.armLater(now.Add(time.Duration(*ts)*time.Second), timerExecution)
	}
}

// deferredTimer is an execution timer taken its id but not yet armed.
type deferredTimer struct {
	id   int64
	kind timerKind // timerMaxOpen or timerExecution
	at   time.Time
}

// armLater is arm for the execution's own timers: the id is taken now, so
// ids keep their order, but the timer is armed only by armDeferred, when
// the step ends.
func (r *Run) armLater(at time.Time, kind timerKind) {
	r.nextTimer++
	r.deferred[r.nDeferred] = deferredTimer{id: r.nextTimer, kind: kind, at: at}
	r.nDeferred++
}

// armDeferred arms the execution timers of the step that is ending, if
// the run is still open, ahead of the step's other timers, as they were
// taken first: a clock fires timers due at the same instant in the order
// they were armed, so the execution's TimeoutSeconds still wins a tie with
// a task's. A run that closed within its step (most runs of a test
// close in the call that starts them) never arms them, and the engine
// neither arms nor cancels a clock timer for nothing.
func (r *Run) armDeferred() {
	if r.open {
		var arms [len(r.deferred)]TimerArm
		for i, d := range r.deferred[:r.nDeferred] {
			r.timers.Set(d.id, timer{kind: d.kind, at: d.at})
			arms[i] = TimerArm{ID: d.id, At: d.at}
		}
		r.effects.Timers = slices.Insert(r.effects.Timers, 0, arms[:r.nDeferred]...)
	}
	r.deferred, r.nDeferred = [2]deferredTimer{}, 0
}

// executionTimedOut closes the run as TIMED_OUT. DescribeExecution of a
// timed-out execution shows no error or cause (aws-recorded.md 3.1); the
// event carries the States.Timeout error.
func (r *Run) executionTimedOut(now time.Time) {
	r.close(now, types.ExecutionStatusTimedOut, r.lastEventID(), "", strp(timeoutError), nil)
	r.outcome.Error, r.outcome.Cause = nil, nil
}

func sortInt64(s []int64) { slices.Sort(s) }
