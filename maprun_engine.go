package sfnmem

import (
	"time"

	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/interp"
	"github.com/sfnmem/sfnmem/maprun"
)

// mapRunState is a Distributed Map's Map Run as the engine runs it: the
// record DescribeMapRun reports, and the child executions in item order.
type mapRunState struct {
	m        *maprun.MapRun
	parent   *executionState
	req      interp.MapRun // the state, its input and context
	express  bool
	children []*mapChild
	queue    []*mapChild // children waiting for a concurrency slot
	started  []*executionState
	failing  bool // the tolerance was exceeded: the run is winding down
	aborting bool // the parent closed: the run is being aborted
	readOK   bool // items were read; false after an ItemReader failure
	// sizeHint is the history size of its last child to close: the
	// next child's log is sized for it (history.NewLogSized).
	sizeHint history.Size
}

// mapChild is one child of a Map Run: one item, or one batch of items.
type mapChild struct {
	index int
	input string
	items int64
	x     *executionState // nil until started
}

// mapRunLocked starts, redrives or aborts a Map Run a run asked for. Call
// with e.mu held.
//
// A request may reach the engine after its Map state was aborted: a step
// asks for the Map Runs of two Parallel branches, the first Map Run fails
// at once, and the Parallel state stops its other branches, as it does
// when a branch fails (AWS DG, docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html),
// perhaps closing the parent, even successfully, before the second request
// is reached. The parent's history already holds MapRunStarted (or
// MapRunRedriven) for it, then MapStateAborted, so the Map Run exists and
// is ABORTED at once, with no child started (docs/decisions.md).
func (e *Engine) mapRunLocked(parent *executionState, req interp.MapRun, d *driver) {
	switch {
	case req.Abort:
		if mr, ok := e.mapRuns[req.ARN]; ok {
			e.abortMapRunLocked(mr, d)
		}
		return
	case !waitsForMapRun(parent, req.ARN):
		e.mapRunAbortedLocked(parent, req)
		return
	case req.Redrive:
		e.redriveMapRunLocked(parent, req, d)
		return
	}
	mr := e.newMapRunLocked(parent, req, e.now())
	if err := e.prepareMapRunLocked(mr); err != nil {
		e.failMapRunLocked(mr, err, d)
		return
	}
	e.advanceMapRunLocked(mr, d)
}

// newMapRunLocked records the new Map Run req asks for, started at now,
// on the engine and its parent.
func (e *Engine) newMapRunLocked(parent *executionState, req interp.MapRun, now time.Time) *mapRunState {
	_, labelled := maprun.ARNs(parent.x.StateMachineARN, req.Label, "")
	mr := &mapRunState{
		m:       maprun.New(req.ARN, parent.x.ARN, labelled, req.Label, now),
		parent:  parent,
		req:     req,
		express: req.State.ItemProcessor.ExecutionType == string(types.StateMachineTypeExpress),
	}
	if e.mapRuns == nil {
		e.mapRuns = map[string]*mapRunState{} // made on first use: most engines run no Map Run
	}
	e.mapRuns[req.ARN] = mr
	p := parent.rareParts()
	p.mapRuns = append(p.mapRuns, mr)
	return mr
}

// waitsForMapRun reports whether parent's run still waits for the Map Run
// arn: false once its Map state was aborted or the run closed, and for a
// parent that succeeded (it keeps no run, keepSucceededLocked). A parent
// that does not wait is told nothing of the Map Run.
func waitsForMapRun(parent *executionState, arn string) bool {
	return parent.open != nil && parent.open.run.WaitsForMapRun(arn)
}

// mapRunAbortedLocked carries out a request for a Map Run whose Map state
// was aborted before the engine reached it (mapRunLocked): a new Map Run is
// recorded as ABORTED with nothing read (a redrive of the parent reads its
// items, spec 2); one to redrive is redriven, as the MapRunRedriven event
// in the parent's history counts, and ABORTED again with its children as
// they were.
func (e *Engine) mapRunAbortedLocked(parent *executionState, req interp.MapRun) {
	now := e.now()
	mr, ok := e.mapRuns[req.ARN]
	switch {
	case !ok:
		mr = e.newMapRunLocked(parent, req, now)
	case mr.m.Redriven(now) != nil:
		return // it cannot be redriven, so it is not running: nothing to abort
	}
	mr.req.Input, mr.req.Context = req.Input, req.Context
	mr.aborting, mr.failing, mr.queue = true, false, nil
	must(mr.m.Close(types.MapRunStatusAborted, now))
}

// prepareMapRunLocked reads the items, builds each child's input and sets
// the concurrency and tolerance.
func (e *Engine) prepareMapRunLocked(mr *mapRunState) error {
	st, in, ctx := mr.req.State, mr.req.Input, mr.req.Context
	if err := e.configureMapRunLocked(mr); err != nil {
		return err
	}
	items, err := e.readItemsLocked(mr)
	if err != nil {
		return err
	}
	mr.readOK = true
	inputs := make([]any, len(items))
	for i, item := range items {
		inputs[i] = item
		if st.ItemSelector != nil {
			itemCtx := interp.WithMapItem(ctx, i, item)
			if inputs[i], err = st.ItemSelector.Apply(in, itemCtx, engineRand{e}); err != nil {
				return err
			}
		}
	}
	counts := make([]int64, len(inputs))
	for i := range counts {
		counts[i] = 1
	}
	if b := st.ItemBatcher; b != nil {
		if inputs, counts, err = e.batchLocked(b, inputs, in, ctx); err != nil {
			return err
		}
	}
	var total int64
	for i, input := range inputs {
		mr.children = append(mr.children, &mapChild{index: i, input: jsonv.MustEncodeString(input), items: counts[i]})
		total += counts[i]
	}
	mr.queue = append([]*mapChild(nil), mr.children...)
	return mr.m.Add(int64(len(inputs)), total)
}

// configureMapRunLocked resolves MaxConcurrency and the tolerated failure
// thresholds, from their values or their paths.
func (e *Engine) configureMapRunLocked(mr *mapRunState) error {
	st, in, ctx := mr.req.State, mr.req.Input, mr.req.Context
	m := mr.m
	m.MaxConcurrency = int32(st.MaxConcurrency)
	if st.MaxConcurrencyPath != "" {
		n, err := selectInt(st.MaxConcurrencyPath, "MaxConcurrencyPath", in, ctx)
		if err != nil {
			return err
		}
		m.MaxConcurrency = int32(n)
	}
	if st.ToleratedFailureCount != nil {
		m.ToleratedFailureCount, m.ToleratedFailureCountSet = *st.ToleratedFailureCount, true
	}
	if st.ToleratedFailureCountPath != "" {
		n, err := selectInt(st.ToleratedFailureCountPath, "ToleratedFailureCountPath", in, ctx)
		if err != nil {
			return err
		}
		m.ToleratedFailureCount, m.ToleratedFailureCountSet = n, true
	}
	if st.ToleratedFailurePercentage != nil {
		m.ToleratedFailurePercentage, m.ToleratedFailurePercentageSet = float32(*st.ToleratedFailurePercentage), true
	}
	if st.ToleratedFailurePercentagePath != "" {
		v, err := asl.Select(st.ToleratedFailurePercentagePath, in, ctx)
		if err != nil {
			return err
		}
		p, ok := number(v)
		if !ok || p < 0 || p > 100 {
			return &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
				"The ToleratedFailurePercentagePath field refers to value %s which is not a valid percentage: %s", jsonv.MustEncodeString(v), st.ToleratedFailurePercentagePath)}
		}
		m.ToleratedFailurePercentage, m.ToleratedFailurePercentageSet = float32(p), true
	}
	return nil
}

// advanceMapRunLocked starts queued children while slots are free, then
// closes the Map Run when nothing is running or waiting.
func (e *Engine) advanceMapRunLocked(mr *mapRunState, d *driver) {
	if mr.aborting {
		return
	}
	for len(mr.queue) > 0 && mr.m.Slots() > 0 && !mr.failing && mr.m.Status == types.MapRunStatusRunning {
		c := mr.queue[0]
		mr.queue = mr.queue[1:]
		e.startChildLocked(mr, c, d)
	}
	if mr.m.Status != types.MapRunStatusRunning || mr.m.Executions.Running > 0 {
		return
	}
	if mr.failing || mr.m.ToleranceExceeded() {
		e.failMapRunLocked(mr, &maprun.Error{Name: asl.ErrExceedToleratedFailure,
			Cause: "The specified tolerated failure threshold was exceeded"}, d)
		return
	}
	if len(mr.queue) == 0 {
		e.succeedMapRunLocked(mr, d)
	}
}

// startChildLocked starts a pending child, restarts an Express child, or
// redrives a Standard child pending redrive.
func (e *Engine) startChildLocked(mr *mapRunState, c *mapChild, d *driver) {
	now := e.now()
	if c.x != nil && c.x.x.Status == types.ExecutionStatusPendingRedrive && !mr.express {
		if err := c.x.open.run.Redrive(now); err != nil {
			panic("sfnmem: redriving a Map Run child: " + err.Error())
		}
		if err := c.x.x.Reopen(now); err != nil {
			panic("sfnmem: " + err.Error())
		}
		must(mr.m.Move(types.ExecutionStatusPendingRedrive, types.ExecutionStatusRunning, c.items))
		e.open++ // only Standard children are redriven
		e.applyLocked(c.x, d)
		return
	}
	from := maprun.Pending
	if c.x != nil {
		from = c.x.x.Status // PENDING_REDRIVE: an Express child starts again from scratch
	}
	x := e.newChildLocked(mr, c, now)
	must(mr.m.Move(from, types.ExecutionStatusRunning, c.items))
	if !mr.express {
		e.open++
	}
	e.applyLocked(x, d)
}

// newChildLocked creates (or, for an Express child run again, re-creates)
// a child execution and starts its run.
func (e *Engine) newChildLocked(mr *mapRunState, c *mapChild, now time.Time) *executionState {
	p := mr.parent
	smName := p.machine().name + "/" + mr.m.Label
	var arn, name string
	if c.x != nil {
		arn, name = c.x.x.ARN, c.x.x.Name
	} else {
		name = e.uuidLocked()
		arn = execution.LabelledExecutionARN(p.x.StateMachineARN, mr.m.Label, name)
		if mr.express {
			arn = execution.LabelledExpressExecutionARN(p.x.StateMachineARN, mr.m.Label, name, e.uuidLocked())
		}
	}
	typ := types.StateMachineTypeStandard
	if mr.express {
		typ = types.StateMachineTypeExpress
	}
	o, spare := e.newOpenLocked()
	x := &executionState{
		x: execution.Execution{
			ARN: arn, Name: name, StateMachineARN: mr.m.StateMachineARN, MapRunARN: mr.m.ARN, Type: typ,
			Status: types.ExecutionStatusRunning, Input: c.input, StartDate: now,
		},
		seq:    e.executions.len(),
		source: p.source,
		log:    e.spare.NewLog(e.cfg.historyLimit, mr.sizeHint),
		open:   o,
		rare:   &rareParts{mapRun: mr, child: c},
	}
	x.log.Bind(arn)
	run, err := interp.Start(interp.Config{
		Definition: mr.req.State.ItemProcessor,
		Log:        x.log,
		Execution: interp.Execution{
			ARN: arn, Name: name, StateMachineARN: mr.m.StateMachineARN, StateMachineName: smName,
			RoleARN: p.machine().roleArn, Input: c.input, StartTime: now, Region: e.cfg.region,
		},
		Rand:      engineRand{e},
		Tokens:    o.startTokens(x, &e.pieces),
		Resources: &e.resources,
		Spare:     spare,
	}, now)
	if err != nil {
		panic("sfnmem: starting a Map Run child: " + err.Error()) // the input was encoded by the engine
	}
	o.run = run
	if c.x == nil {
		mr.started = append(mr.started, x)
	} else {
		for i, s := range mr.started {
			if s == c.x {
				mr.started[i] = x
			}
		}
	}
	c.x = x
	e.executions.add(x)
	return x
}

// childClosedLocked records that a child closed, and moves the Map Run on.
func (e *Engine) childClosedLocked(x *executionState, from types.ExecutionStatus, d *driver) {
	mr := x.mapRun()
	must(mr.m.Move(from, x.x.Status, x.child().items))
	if mr.m.Status != types.MapRunStatusRunning {
		return
	}
	if !mr.failing && mr.m.ToleranceExceeded() {
		// Children may still be running briefly after the threshold is
		// crossed (DG-DistMap); sfnmem stops them at once.
		mr.failing = true
		e.abortChildrenLocked(mr, d)
	}
	e.advanceMapRunLocked(mr, d)
}

// abortChildrenLocked stops every running child of mr.
func (e *Engine) abortChildrenLocked(mr *mapRunState, d *driver) {
	for _, c := range mr.children {
		if c.x != nil && c.x.x.Status == types.ExecutionStatusRunning {
			c.x.open.run.Stop(nil, nil, e.now())
			e.applyLocked(c.x, d)
		}
	}
}

func (e *Engine) succeedMapRunLocked(mr *mapRunState, d *driver) {
	now := e.now()
	must(mr.m.Close(types.MapRunStatusSucceeded, now))
	output, err := e.mapRunOutputLocked(mr)
	if err != nil {
		mr.m.Status = types.MapRunStatusRunning // reopen to record the failure instead
		e.failMapRunLocked(mr, err, d)
		return
	}
	if !waitsForMapRun(mr.parent, mr.m.ARN) {
		return // nothing to tell (waitsForMapRun); the Map Run's record says it all
	}
	mr.parent.open.run.MapRunSucceeded(mr.m.ARN, output, now)
	e.applyLocked(mr.parent, d)
}

// mapRunOutputLocked is the Map state's result: the children's outputs in
// item order, or, with a ResultWriter, where the results were written.
func (e *Engine) mapRunOutputLocked(mr *mapRunState) (any, error) {
	if w := mr.req.State.ResultWriter; w != nil {
		return e.writeResultsLocked(mr, w)
	}
	out := make([]any, len(mr.children))
	for i, c := range mr.children {
		out[i] = childOutput(c)
	}
	return out, nil
}

// childOutput is a child's entry in the Map state's output: its output, or
// for a tolerated failure an object with its error and cause
// (docs/decisions.md).
func childOutput(c *mapChild) any {
	if c.x == nil {
		return nil
	}
	r := c.x.x
	if r.Status == types.ExecutionStatusSucceeded {
		v, _ := jsonv.DecodeString(r.Output)
		return v
	}
	o := map[string]any{}
	if r.Error != nil {
		o["Error"] = *r.Error
	}
	if r.Cause != nil {
		o["Cause"] = *r.Cause
	}
	return o
}

// failMapRunLocked closes the Map Run as FAILED with err's name and cause
// and reports it to the parent.
func (e *Engine) failMapRunLocked(mr *mapRunState, err error, d *driver) {
	name, cause := errorNameCause(err)
	if mr.m.Status == types.MapRunStatusRunning {
		must(mr.m.Close(types.MapRunStatusFailed, e.now()))
	}
	if !waitsForMapRun(mr.parent, mr.m.ARN) {
		return // nothing to tell (waitsForMapRun); the Map Run's record says it all
	}
	mr.parent.open.run.MapRunFailed(mr.m.ARN, name, cause, e.now())
	e.applyLocked(mr.parent, d)
}

// abortMapRunsLocked aborts the running Map Runs of an execution that
// closed (stopped, timed out or failed elsewhere).
func (e *Engine) abortMapRunsLocked(parent *executionState, d *driver) {
	for _, mr := range parent.mapRuns() {
		e.abortMapRunLocked(mr, d)
	}
}

// abortMapRunLocked aborts mr if it is running: running children are
// stopped, those pending redrive become ABORTED, never-started ones stay
// pending (docs/decisions.md).
func (e *Engine) abortMapRunLocked(mr *mapRunState, d *driver) {
	if mr.m.Status != types.MapRunStatusRunning {
		return
	}
	mr.aborting = true
	e.abortChildrenLocked(mr, d)
	for _, c := range mr.children {
		if c.x != nil && c.x.x.Status == types.ExecutionStatusPendingRedrive {
			must(c.x.x.Close(types.ExecutionStatusAborted, e.now(), "", nil, nil))
			must(mr.m.Move(types.ExecutionStatusPendingRedrive, types.ExecutionStatusAborted, c.items))
		}
	}
	mr.queue = nil
	must(mr.m.Close(types.MapRunStatusAborted, e.now()))
}

func errorNameCause(err error) (string, string) {
	switch v := err.(type) {
	case *maprun.Error:
		return v.Name, v.Cause
	case *asl.RuntimeError:
		return v.Name, v.Cause
	}
	return asl.ErrRuntime, err.Error()
}

// must panics on an error that can only come from a broken invariant
// between the engine and its pure packages.
func must(err error) {
	if err != nil {
		panic("sfnmem: " + err.Error())
	}
}

func selectInt(path, field string, in, ctx any) (int64, error) {
	v, err := asl.Select(path, in, ctx)
	if err != nil {
		return 0, err
	}
	n, ok := number(v)
	if !ok || n < 0 || n != float64(int64(n)) {
		return 0, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
			"The %s field refers to value %s which is not a valid integer: %s", field, jsonv.MustEncodeString(v), path)}
	}
	return int64(n), nil
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
