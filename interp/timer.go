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
	if r.timers == nil {
		r.timers = map[int64]timer{}
	}
	r.timers[id] = t
	r.effects.Timers = append(r.effects.Timers, TimerArm{ID: id, At: at})
	return id
}

// disarm cancels timer id if it is still pending.
func (r *Run) disarm(id int64) {
	if _, ok := r.timers[id]; ok {
		delete(r.timers, id)
		r.effects.Cancel = append(r.effects.Cancel, id)
	}
}

// Fire runs timer id at now. Timers that were cancelled, or belong to an
// earlier attempt of a redriven run, are ignored.
func (r *Run) Fire(id int64, now time.Time) {
	t, ok := r.timers[id]
	if !ok || !r.open {
		return
	}
	delete(r.timers, id)
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
// now (the start, or the redrive: spec 1.4 "reset to 0").
func (r *Run) armExecutionTimeout(now time.Time) {
	// The one-year maximum fails the execution with States.Timeout
	// (DG-Quotas); it is not reset by a redrive.
	r.arm(r.cfg.Execution.StartTime.Add(MaxOpen), timer{kind: timerMaxOpen})
	if ts := r.cfg.Definition.TimeoutSeconds; ts != nil {
		r.arm(now.Add(time.Duration(*ts)*time.Second), timer{kind: timerExecution})
	}
}

// executionTimedOut closes the run as TIMED_OUT. DescribeExecution of a
// timed-out execution shows no error or cause (aws-recorded.md 3.1); the
// event carries the States.Timeout error.
func (r *Run) executionTimedOut(now time.Time) {
	r.close(now, types.ExecutionStatusTimedOut, r.lastEventID(), "", strp(timeoutError), nil)
	r.outcome.Error, r.outcome.Cause = nil, nil
}

func sortInt64(s []int64) { slices.Sort(s) }
