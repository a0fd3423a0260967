package interp

import (
	"fmt"
	"time"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// runWait computes the Wait state's deadline on the engine clock and arms a
// timer for it; a deadline already past exits at once (this is also what a
// redrive does with a past Timestamp, spec 1.4).
func (r *Run) runWait(f *frame, now time.Time) {
	st := f.state
	in, ctx, ok := r.stateInput(f, now)
	if !ok {
		return
	}
	until, err := waitUntil(st, in, ctx, now)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	out, err := asl.ApplyInputPath(st.OutputPath, in, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	if !until.After(now) {
		r.exit(f, out, st.Next, now)
		return
	}
	f.waitOutput = out
	f.waitTimer = r.arm(until, timer{kind: timerWait, frame: f})
}

func (r *Run) waitElapsed(f *frame, now time.Time) {
	f.waitTimer = 0
	out := f.waitOutput
	f.waitOutput = nil
	r.exit(f, out, f.state.Next, now)
}

func waitUntil(st *asl.State, in, ctx any, now time.Time) (time.Time, error) {
	switch {
	case st.Seconds != nil:
		return now.Add(time.Duration(*st.Seconds) * time.Second), nil
	case st.Timestamp != nil:
		return *st.Timestamp, nil
	case st.SecondsPath != "":
		v, err := asl.Select(st.SecondsPath, in, ctx)
		if err != nil {
			return time.Time{}, err
		}
		n, ok := wholeNumber(v)
		if !ok || n < 0 {
			return time.Time{}, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
				"The SecondsPath parameter does not reference a valid integer value: %s", jsonv.MustEncodeString(v))}
		}
		return now.Add(time.Duration(n) * time.Second), nil
	default:
		v, err := asl.Select(st.TimestampPath, in, ctx)
		if err != nil {
			return time.Time{}, err
		}
		s, _ := v.(string)
		t, perr := time.Parse(time.RFC3339Nano, s)
		if perr != nil {
			return time.Time{}, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
				"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s", jsonv.MustEncodeString(v))}
		}
		return t, nil
	}
}

// wholeNumber returns v as an integer when it is a JSON number with no
// fractional part.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		if n == float64(int64(n)) {
			return int64(n), true
		}
	}
	return 0, false
}
