package interp

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// group is the work of one Parallel or inline Map state: its branches or
// iterations, each run by a child frame. The group outlives the state's
// attempt, so a redrive can re-run only the children that did not succeed.
type group struct {
	owner    *frame
	kind     string // asl.TypeParallel or asl.TypeMap
	children []*child
	queue    []int // children waiting to start, in order
	running  int
	limit    int // most children running at once; 0 is unbounded
	failed   bool
	ctx      any
}

type childStatus int

const (
	childPending childStatus = iota
	childRunning
	childSucceeded
	childFailed
	childAborted
)

// child is one branch or iteration.
type child struct {
	index  int
	def    *asl.Definition
	input  any // the branch's or iteration's input
	frame  *frame
	status childStatus
	output any
}

// runParallel starts a Parallel state: every branch gets the effective input.
func (r *Run) runParallel(f *frame, now time.Time) {
	st := f.state
	ctx := r.context(f, "")
	in, err := r.effectiveInput(f, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	g := &group{owner: f, kind: asl.TypeParallel, ctx: ctx}
	for i, b := range st.Branches {
		g.children = append(g.children, &child{index: i, def: b, input: in})
	}
	f.group = g
	f.prev = r.emit(types.HistoryEventTypeParallelStateStarted, f.prev, now, nil)
	r.launch(g, allIndexes(len(g.children)), f.prev, now)
}

// runMap starts an inline Map state: one iteration per item of ItemsPath,
// each given the item (or its ItemSelector result).
func (r *Run) runMap(f *frame, now time.Time) {
	st := f.state
	if st.ItemProcessor.ProcessorMode == "DISTRIBUTED" {
		r.runDistributed(f, now)
		return
	}
	in, ctx, ok := r.stateInput(f, now)
	if !ok {
		return
	}
	items, err := st.Items(in, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	limit, err := maxConcurrency(st, in, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	g := &group{owner: f, kind: asl.TypeMap, limit: limit, ctx: ctx}
	for i, item := range items {
		input := item
		if st.ItemSelector != nil {
			itemCtx := WithMapItem(ctx, i, item)
			if input, err = st.ItemSelector.Apply(in, itemCtx, r.cfg.Rand); err != nil {
				r.runtimeError(f, err, now)
				return
			}
		}
		g.children = append(g.children, &child{index: i, def: st.ItemProcessor, input: input})
	}
	f.group = g
	f.prev = r.emit(types.HistoryEventTypeMapStateStarted, f.prev, now, &types.MapStateStartedEventDetails{Length: int32(len(items))})
	r.launch(g, allIndexes(len(items)), f.prev, now)
}

// effectiveInput applies InputPath and Parameters.
func (r *Run) effectiveInput(f *frame, ctx any) (any, error) {
	in, err := asl.ApplyInputPath(f.state.InputPath, f.input, ctx)
	if err != nil || f.state.Parameters == nil {
		return in, err
	}
	return f.state.Parameters.Apply(in, ctx, r.cfg.Rand)
}

func maxConcurrency(st *asl.State, in, ctx any) (int, error) {
	if st.MaxConcurrencyPath == "" {
		return int(st.MaxConcurrency), nil
	}
	v, err := asl.Select(st.MaxConcurrencyPath, in, ctx)
	if err != nil {
		return 0, err
	}
	n, ok := wholeNumber(v)
	if !ok || n < 0 {
		return 0, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
			"The MaxConcurrencyPath field refers to value %s which is not a valid integer: %s", jsonv.MustEncodeString(v), st.MaxConcurrencyPath)}
	}
	return int(n), nil
}

// WithMapItem returns a copy of the context object ctx with $$.Map.Item
// set to the item's index and value, as ItemSelector sees it.
func WithMapItem(ctx map[string]any, index int, value any) map[string]any {
	c := make(map[string]any, len(ctx)+1)
	for k, v := range ctx {
		c[k] = v
	}
	c["Map"] = map[string]any{"Item": map[string]any{"Index": int64(index), "Value": value}}
	return c
}

func allIndexes(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// launch queues the given children and starts as many as the concurrency
// limit allows. Map iterations started together each get a
// MapIterationStarted linked to link (recorded: all link to MapStateStarted);
// their states run afterwards, in index order.
func (r *Run) launch(g *group, indexes []int, link int64, now time.Time) {
	g.queue = append(g.queue[:0], indexes...)
	if len(g.queue) == 0 {
		r.groupSucceeded(g, link, now)
		return
	}
	var batch []*child
	for len(g.queue) > 0 && (g.limit == 0 || g.running < g.limit) {
		batch = append(batch, r.take(g, link, now))
	}
	for _, c := range batch {
		if g.failed || !r.open {
			return
		}
		r.startChild(g, c, now)
	}
}

// take dequeues the next child, marks it running and writes its
// MapIterationStarted (Map only).
func (r *Run) take(g *group, link int64, now time.Time) *child {
	c := g.children[g.queue[0]]
	g.queue = g.queue[1:]
	g.running++
	c.status = childRunning
	if c.frame == nil || c.frame.state == nil {
		c.frame = r.childFrame(g, c)
	}
	c.frame.prev = link
	if g.kind == asl.TypeMap {
		c.frame.prev = r.emit(types.HistoryEventTypeMapIterationStarted, link, now, iterationDetails(g, c))
	}
	return c
}

func (r *Run) childFrame(g *group, c *child) *frame {
	f := &frame{run: r, def: c.def}
	f.done = func(output any, now time.Time) { r.childSucceeded(g, c, output, now) }
	f.failed = func(errName, cause string, now time.Time) { r.childFailed(g, c, errName, cause, now) }
	return f
}

// startChild runs a dequeued child: from its StartAt, or, for a child that
// an earlier attempt left unfinished (a redrive), from its unfinished state.
func (r *Run) startChild(g *group, c *child, now time.Time) {
	if c.frame.state == nil {
		r.enter(c.frame, c.def.StartAt, c.input, now)
		return
	}
	r.resume(c.frame, now)
}

func iterationDetails(g *group, c *child) *types.MapIterationEventDetails {
	return &types.MapIterationEventDetails{Name: strp(g.owner.state.Name), Index: int32(c.index)}
}

func (r *Run) childSucceeded(g *group, c *child, output any, now time.Time) {
	c.status, c.output = childSucceeded, output
	g.running--
	last := c.frame.prev
	if g.kind == asl.TypeMap {
		r.emit(types.HistoryEventTypeMapIterationSucceeded, last, now, iterationDetails(g, c))
	}
	if len(g.queue) > 0 {
		// A freed slot starts the next iteration, linked to the last state
		// event of the one that finished (recorded, aws-recorded.md 3.7 F).
		r.startChild(g, r.take(g, last, now), now)
		return
	}
	if g.running == 0 {
		r.groupSucceeded(g, last, now)
	}
}

// groupSucceeded ends the state: ParallelStateSucceeded/MapStateSucceeded and
// the Exited event both link to the last event of the last child, as
// recorded for a Distributed Map (aws-recorded.md 3.7 H).
func (r *Run) groupSucceeded(g *group, last int64, now time.Time) {
	f := g.owner
	results := make([]any, len(g.children))
	for i, c := range g.children {
		results[i] = c.output
	}
	succeeded := types.HistoryEventTypeParallelStateSucceeded
	if g.kind == asl.TypeMap {
		succeeded = types.HistoryEventTypeMapStateSucceeded
	}
	r.emit(succeeded, last, now, nil)
	f.prev = last
	var result any = results
	if rs := f.state.ResultSelector; rs != nil {
		var err error
		if result, err = rs.Apply(result, g.ctx, r.cfg.Rand); err != nil {
			r.runtimeError(f, err, now)
			return
		}
	}
	r.finish(f, result, g.ctx, now)
}

// childFailed fails the state: the failing child is reported, every other
// running child is aborted, and the state's Retry and Catch apply
// (aws-recorded.md 3.7 D, F, G).
func (r *Run) childFailed(g *group, c *child, errName, cause string, now time.Time) {
	g.failed = true
	g.running--
	c.status = childFailed
	failEvent := c.frame.prev
	if g.kind == asl.TypeMap {
		r.emit(types.HistoryEventTypeMapIterationFailed, failEvent, now, iterationDetails(g, c))
	} else if c.frame.state != nil && c.frame.state.Type == asl.TypeTask {
		r.emit(types.HistoryEventTypeTaskStateAborted, failEvent, now, nil)
	}
	r.abortChildren(g, failEvent, now)
	r.containerFailed(g.owner, errName, cause, failEvent, now)
}

// abortChildren aborts every running child of g, linking the abort events to prev.
func (r *Run) abortChildren(g *group, prev int64, now time.Time) {
	for _, o := range g.children {
		if o.status != childRunning {
			continue
		}
		g.running--
		o.status = childAborted
		r.abortFrame(o.frame, prev, now)
		if g.kind == asl.TypeMap {
			r.emit(types.HistoryEventTypeMapIterationAborted, prev, now, iterationDetails(g, o))
		}
	}
	g.queue = g.queue[:0]
}

// abortFrame stops whatever a blocked frame was waiting for and writes the
// Aborted event of its current state, for the state types that have one.
func (r *Run) abortFrame(f *frame, prev int64, now time.Time) {
	if f.state == nil {
		return
	}
	if f.group != nil && f.busy() {
		r.abortChildren(f.group, prev, now)
	}
	if t := r.tasks.ofFrame(f); t != nil {
		r.takeTask(t.token)
	}
	for _, id := range []int64{f.waitTimer, f.retryTimer} {
		if id != 0 {
			r.disarm(id)
		}
	}
	f.waitTimer, f.retryTimer = 0, 0
	r.abortMapRun(f)
	if t, ok := abortedTypes[f.state.Type]; ok {
		r.emit(t, prev, now, nil)
	}
}

// busy reports whether the frame's container state still has running children.
func (f *frame) busy() bool { return f.group != nil && f.group.running > 0 }

var abortedTypes = map[string]types.HistoryEventType{
	asl.TypeTask:     types.HistoryEventTypeTaskStateAborted,
	asl.TypeWait:     types.HistoryEventTypeWaitStateAborted,
	asl.TypeParallel: types.HistoryEventTypeParallelStateAborted,
	asl.TypeMap:      types.HistoryEventTypeMapStateAborted,
}

// containerFailed applies a Parallel or Map state's Retry and Catch to a
// failure of one of its children. A retry writes no Failed event: the next
// attempt's Started event links to the failure (recorded, aws-recorded.md
// 3.7 E); otherwise ParallelStateFailed/MapStateFailed is written first.
func (r *Run) containerFailed(f *frame, errName, cause string, failEvent int64, now time.Time) {
	f.prev = failEvent
	f.lastError = errName
	if r.retry(f, errName, now) {
		return
	}
	failed := types.HistoryEventTypeParallelStateFailed
	if f.state.Type == asl.TypeMap {
		failed = types.HistoryEventTypeMapStateFailed
	}
	f.prev = r.emit(failed, failEvent, now, nil)
	r.catchOrReport(f, errName, cause, now)
}
