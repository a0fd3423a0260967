package interp

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/maprun"
)

// MapRun asks the engine to start (or, with Redrive, to redrive; with
// Abort, to abort) the Map Run of a Distributed Map state. The engine reads
// the items, starts the child executions and reports back with
// MapRunSucceeded or MapRunFailed. A Map Run the run no longer waits for
// when the engine reaches the request (WaitsForMapRun) was aborted in the
// meantime, and is reported nothing.
type MapRun struct {
	ARN     string
	Label   string
	Redrive bool // redrive the existing Map Run rather than start it
	Abort   bool // its Map state was aborted: abort the Map Run (only ARN is set)
	State   *asl.State
	Input   any            // the state's input after InputPath
	Context map[string]any // the context object, for ItemSelector and ItemReader paths
}

// runDistributed starts a Distributed Map: MapStateStarted, then
// MapRunStarted with the Map Run's ARN (aws-recorded.md 3.7 H), and asks
// the engine to run it.
func (r *Run) runDistributed(f *frame, now time.Time) {
	st := f.state
	in, ctx, ok := r.stateInput(f, now)
	if !ok {
		return
	}
	length := int32(0) // items read by an ItemReader are not known yet
	if st.ItemReader == nil {
		items, err := st.Items(in, ctx)
		if err != nil {
			r.runtimeError(f, err, now)
			return
		}
		length = int32(len(items))
	}
	label, err := maprun.Label(st.Label, r.cfg.Execution.StateMachineARN, st.Name)
	if err != nil {
		r.runtimeError(f, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: err.Error()}, now)
		return
	}
	arn, _ := maprun.ARNs(r.cfg.Execution.StateMachineARN, label, r.cfg.Rand.UUID())
	f.mapRunARN, f.mapRunRedrives = arn, 0
	f.prev = r.emit(types.HistoryEventTypeMapStateStarted, f.prev, now, &types.MapStateStartedEventDetails{Length: length})
	f.prev = r.emit(types.HistoryEventTypeMapRunStarted, f.prev, now, &types.MapRunStartedEventDetails{MapRunArn: strp(arn)})
	r.waitMapRun(arn, f)
	r.effects.MapRuns = append(r.effects.MapRuns, MapRun{ARN: arn, Label: label, State: st, Input: in, Context: ctx})
}

// redriveDistributed redrives the state's Map Run (spec 2): MapRunRedriven
// with the Map Run's own redrive count, then the engine re-runs its
// unsuccessful children. A Map Run that never started is started; one that
// failed with States.DataLimitExceeded or a JSON interpolation
// States.Runtime error is replaced by a new Map Run (DG-MapRunRedrive).
func (r *Run) redriveDistributed(f *frame, whole bool, now time.Time) {
	if f.mapRunARN == "" || whole {
		r.runDistributed(f, now)
		return
	}
	if f.mapRunRedrives >= maprun.MaxRedrives {
		r.fatal(f, asl.ErrRuntime, fmt.Sprintf("The Map Run %s has reached the maximum of %d redrives.", f.mapRunARN, maprun.MaxRedrives), now)
		return
	}
	f.mapRunRedrives++
	f.prev = r.emit(types.HistoryEventTypeMapRunRedriven, f.prev, now, &types.MapRunRedrivenEventDetails{
		MapRunArn: strp(f.mapRunARN), RedriveCount: int32p(int32(f.mapRunRedrives)),
	})
	r.waitMapRun(f.mapRunARN, f)
	ctx := r.context(f, "")
	in, _ := asl.ApplyInputPath(f.state.InputPath, f.input, ctx)
	r.effects.MapRuns = append(r.effects.MapRuns, MapRun{ARN: f.mapRunARN, Redrive: true, State: f.state, Input: in, Context: ctx})
}

// MapRunSucceeded reports that the Map Run arn finished with output (its
// results, or the ResultWriter details): MapRunSucceeded, then
// MapStateSucceeded and MapStateExited linked to it (aws-recorded.md 3.7 H).
func (r *Run) MapRunSucceeded(arn string, output any, now time.Time) {
	f, ok := r.takeMapRun(arn)
	if !ok {
		return
	}
	r.guard(now, func() {
		id := r.emit(types.HistoryEventTypeMapRunSucceeded, f.prev, now, nil)
		r.emit(types.HistoryEventTypeMapStateSucceeded, id, now, nil)
		f.prev = id
		result := output
		if rs := f.state.ResultSelector; rs != nil {
			var err error
			ctx := r.context(f, "")
			if result, err = rs.Apply(result, ctx, r.cfg.Rand); err != nil {
				r.runtimeError(f, err, now)
				return
			}
		}
		r.finish(f, result, r.context(f, ""), now)
	})
}

// MapRunFailed reports that the Map Run arn failed with errName and cause:
// MapRunFailed, MapStateFailed, then the state's Retry (a new Map Run) or
// Catch.
func (r *Run) MapRunFailed(arn, errName, cause string, now time.Time) {
	f, ok := r.takeMapRun(arn)
	if !ok {
		return
	}
	r.guard(now, func() {
		id := r.emit(types.HistoryEventTypeMapRunFailed, f.prev, now, &types.MapRunFailedEventDetails{Error: optp(errName), Cause: optp(cause)})
		f.lastError = errName
		if r.retry(f, errName, now) {
			f.prev = id
			f.mapRunARN = "" // a retry starts a new Map Run (DG-DistMap)
			return
		}
		f.prev = r.emit(types.HistoryEventTypeMapStateFailed, id, now, nil)
		r.catchOrReport(f, errName, cause, now)
	})
}

func (r *Run) takeMapRun(arn string) (*frame, bool) {
	f, ok := r.mapRuns[arn]
	if !ok || !r.open {
		return nil, false
	}
	delete(r.mapRuns, arn)
	return f, true
}

// WaitsForMapRun reports whether the run waits for the Map Run arn: it
// asked for it and has not been told its outcome, nor aborted its state,
// nor closed.
func (r *Run) WaitsForMapRun(arn string) bool {
	_, ok := r.mapRuns[arn]
	return ok && r.open
}

// abortMapRun stops f waiting for its Map Run, if it does, and asks the
// engine to abort it: a Map Run whose Map state is stopped (a Parallel
// state stops its other branches when one fails) is aborted like one whose
// execution is stopped (docs/decisions.md). f keeps the Map Run's ARN, so
// a redrive of the execution redrives it.
func (r *Run) abortMapRun(f *frame) {
	if f.mapRunARN == "" || r.mapRuns[f.mapRunARN] != f {
		return
	}
	delete(r.mapRuns, f.mapRunARN)
	r.effects.MapRuns = append(r.effects.MapRuns, MapRun{ARN: f.mapRunARN, Abort: true})
}

// OpenMapRuns lists the Map Runs the run is waiting for.
func (r *Run) OpenMapRuns() []string {
	var arns []string
	for arn := range r.mapRuns {
		arns = append(arns, arn)
	}
	return arns
}

// waitMapRun records that f waits for the Map Run arn.
func (r *Run) waitMapRun(arn string, f *frame) {
	if r.mapRuns == nil {
		r.mapRuns = map[string]*frame{}
	}
	r.mapRuns[arn] = f
}
