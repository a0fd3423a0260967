package interp

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// frame is one thread of control through a Definition: the whole state
// machine, a Parallel branch or a Map iteration. It runs one state at a time.
type frame struct {
	run *Run
	def *asl.Definition

	state     *asl.State
	input     any   // the current state's raw input
	entered   int64 // id of its Entered event
	enteredAt int64 // when it was entered, UnixNano: a time.Time holds a pointer (its Location), to write at every state
	prev      int64 // last event written by this frame: the next event links to it

	attempts   []int // retries used, per retrier of the current state
	retryCount int   // retries of the current state so far ($$.State.RetryCount)
	waitTimer  int64
	waitOutput any
	retryTimer int64
	group      *group // the children of the current Parallel or Map state
	lastError  string // the error the current state last failed with

	// The state to enter next, when hasNext: left by exit for enterText's
	// loop. next is set only when it is not the current state's Next
	// (nextNamed): a pointer not written costs no write barrier.
	next      string
	nextNamed bool
	hasNext   bool

	// The current state's input as compact JSON, when inKnown, so that
	// exit need not encode it again when it is the output. (A task's
	// result, whose text the engine knows too, is passed to exit as an
	// argument.) Values are never modified, so the same value has the same
	// text.
	inText  string
	inKnown bool

	mapRunARN      string // the Map Run of the current Distributed Map state
	mapRunRedrives int    // how many times that Map Run has been redriven

	// done and failed are how the frame reports to its owner; nil means the
	// top-level frame, which closes the execution.
	done   func(output any, now time.Time)
	failed func(errName, cause string, now time.Time)
}

// resetAttempts zeroes the retry counters for a state with n retriers,
// reusing the frame's array (Snapshot copies it).
func (f *frame) resetAttempts(n int) {
	if cap(f.attempts) < n {
		f.attempts = make([]int, n)
		return
	}
	f.attempts = f.attempts[:n]
	clear(f.attempts)
}

// setInput makes v, whose JSON is text (compact when compact), the input
// of the state f enters next. Each pointer is written only when it
// changes: a state's input is often the very value and text of the last
// (a task's handler returns the same result, a state passes its input
// on), and each pointer written costs a write barrier while the garbage
// collector marks.
func (f *frame) setInput(v any, text string, compact bool) {
	if *eface(&f.input) != *eface(&v) {
		f.input = v
	}
	if unsafe.StringData(f.inText) != unsafe.StringData(text) || len(f.inText) != len(text) {
		f.inText = text
	}
	f.inKnown = compact
}

// inputText returns v's text when v is the current state's input itself.
func (f *frame) inputText(v any) (string, bool) {
	if f.inKnown && sameValue(v, f.input) {
		return f.inText, true
	}
	return "", false
}

// stateNamed returns the state called name in f's definition: most often
// the Next of the state f is leaving, already resolved.
func (f *frame) stateNamed(name string) *asl.State {
	if s := f.state; s != nil && s.NextState != nil && s.Next == name {
		return s.NextState
	}
	return f.def.States[name]
}

// knownText is a value and its compact JSON text, when ok.
type knownText struct {
	value any
	text  string
	ok    bool
}

// textOf returns v's text when v is the very value k holds.
func (k knownText) textOf(v any) (string, bool) {
	if k.ok && sameValue(v, k.value) {
		return k.text, true
	}
	return "", false
}

// enter writes the state's Entered event and runs it.
func (r *Run) enter(f *frame, name string, input any, now time.Time) {
	text, ok := r.keepJSON(input)
	if !ok {
		text = jsonv.MustEncodeString(input) // too large: the Entered event's data limit fails the state
	}
	r.enterText(f, name, input, text, true, now)
}

// enterText is enter for an input whose text is known. compact is false
// when text is the execution's input as the caller wrote it, which the first
// state's Entered event keeps verbatim (research: 0b) but which is not the
// compact text of input.
func (r *Run) enterText(f *frame, name string, input any, text string, compact bool, now time.Time) {
	// The states of a frame run one after another in this loop, not by
	// recursion: exit sets f.hasNext (and f.next, unless the next state is
	// the current one's own Next) when it is called from within this loop
	// for f with no other frame's states in between (r.stepping is f's
	// address). That call is always the last thing the functions between
	// here and exit do, so the order of events is the recursive one, and a
	// long machine no longer runs hundreds of frames deep.
	outer := r.stepping
	defer func() {
		r.stepping, f.hasNext = outer, false
		if f.nextNamed {
			f.next, f.nextNamed = "", false
		}
	}()
	r.stepping = uintptr(unsafe.Pointer(f))
	f.setInput(input, text, compact)
	r.enterOne(f, f.stateNamed(name), now)
	for f.hasNext {
		f.hasNext = false
		next := f.state.NextState
		if f.nextNamed {
			next, f.nextNamed = f.stateNamed(f.next), false
		}
		r.enterOne(f, next, now) // exit left the input and its text in place
	}
}

// enterOne enters state st of f, whose input is already in f.input and
// f.inText: it writes the Entered event and runs the state as far as it
// goes now. Pointers it would write again unchanged it leaves alone: each
// costs a write barrier while the garbage collector runs, and a long run
// collects often.
func (r *Run) enterOne(f *frame, st *asl.State, now time.Time) {
	if r.deleting && f.done == nil {
		// DeleteStateMachine: executions stop at their next transition (API-DeleteSM).
		r.close(now, types.ExecutionStatusAborted, 0, "", nil, nil)
		return
	}
	f.state = st
	f.resetAttempts(len(st.Retry))
	f.retryCount = 0
	if f.group != nil {
		f.group = nil
	}
	if f.lastError != "" {
		f.lastError = ""
	}
	text := f.inText
	// The event keeps the state's name and the input text, both shared.
	f.entered = r.emitText(enteredType(st.Type), f.prev, now, r.stateName(st), text)
	f.prev, f.enteredAt = f.entered, now.UnixNano()
	if len(text) > MaxPayload {
		r.dataLimit(f, now)
		return
	}
	r.execute(f, now)
}

// execute runs the current state of f from its start (also for a retry).
func (r *Run) execute(f *frame, now time.Time) {
	switch f.state.Type {
	case asl.TypePass:
		r.runPass(f, now)
	case asl.TypeTask:
		r.schedule(f, now)
	case asl.TypeChoice:
		r.runChoice(f, now)
	case asl.TypeWait:
		r.runWait(f, now)
	case asl.TypeSucceed:
		r.runSucceed(f, now)
	case asl.TypeFail:
		r.runFail(f, now)
	case asl.TypeParallel:
		r.runParallel(f, now)
	case asl.TypeMap:
		r.runMap(f, now)
	default:
		r.fatal(f, asl.ErrRuntime, fmt.Sprintf("sfnmem does not run %s states yet", f.state.Type), now)
	}
}

func (r *Run) runPass(f *frame, now time.Time) {
	st := f.state
	in, ctx, ok := r.stateInput(f, now)
	if !ok {
		return
	}
	result := in
	switch {
	case st.HasResult:
		result = st.Result // values are never modified in place
	case st.Parameters != nil:
		var err error
		if result, err = st.Parameters.Apply(in, ctx, r.cfg.Rand); err != nil {
			r.runtimeError(f, err, now)
			return
		}
	}
	r.finish(f, result, ctx, now)
}

// stateInput applies the current state's InputPath to its raw input. When
// that fails it reports the runtime error and returns ok false.
func (r *Run) stateInput(f *frame, now time.Time) (in any, ctx map[string]any, ok bool) {
	ctx = r.context(f, "")
	in, err := asl.ApplyInputPath(f.state.InputPath, f.input, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return nil, nil, false
	}
	return in, ctx, true
}

// finish applies ResultPath and OutputPath to a state's result and exits it.
func (r *Run) finish(f *frame, result, ctx any, now time.Time) {
	r.finishKnown(f, result, ctx, knownText{}, now)
}

// finishKnown is finish for a result whose text may be known: a task's,
// from the engine.
func (r *Run) finishKnown(f *frame, result, ctx any, known knownText, now time.Time) {
	out, err := asl.ApplyResultPath(f.state.ResultPath, f.input, result)
	if err == nil {
		out, err = asl.ApplyInputPath(f.state.OutputPath, out, ctx)
	}
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	r.exitKnown(f, out, f.state.Next, known, now)
}

func (r *Run) runChoice(f *frame, now time.Time) {
	st := f.state
	in, ctx, ok := r.stateInput(f, now)
	if !ok {
		return
	}
	next := st.Default
	for _, rule := range st.Choices {
		ok, err := rule.Match(in, ctx)
		if err != nil {
			r.runtimeError(f, err, now)
			return
		}
		if ok {
			next = rule.Next
			break
		}
	}
	if next == "" {
		r.fatal(f, asl.ErrNoChoiceMatched, noChoiceCause(f.state.Name), now)
		return
	}
	out, err := asl.ApplyInputPath(st.OutputPath, in, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	r.exit(f, out, next, now)
}

func (r *Run) runSucceed(f *frame, now time.Time) {
	ctx := r.context(f, "")
	out, err := asl.ApplyInputPath(f.state.InputPath, f.input, ctx)
	if err == nil {
		out, err = asl.ApplyInputPath(f.state.OutputPath, out, ctx)
	}
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	r.exit(f, out, "", now)
}

func (r *Run) runFail(f *frame, now time.Time) {
	st := f.state
	ctx := r.context(f, "")
	errName, err := failField(st.Error, st.ErrorPath, "ErrorPath", f.input, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	cause, err := failField(st.Cause, st.CausePath, "CausePath", f.input, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	f.report(errName, cause, now)
}

// failField reads a Fail state's Error or Cause: the literal, or the string
// its path selects.
func failField(literal, path, field string, input, ctx any) (string, error) {
	if path == "" {
		return literal, nil
	}
	v, err := asl.Select(path, input, ctx)
	if err != nil {
		return "", err
	}
	s, ok := v.(string)
	if !ok {
		return "", &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
			"The value for the field '%s' must be a STRING, but was %s", field, jsonv.MustEncodeString(v))}
	}
	return s, nil
}

// exit writes the state's Exited event and moves on to next, or ends the
// frame when next is "".
func (r *Run) exit(f *frame, output any, next string, now time.Time) {
	r.exitKnown(f, output, next, knownText{}, now)
}

// exitKnown is exit for an output that may be a value whose text is known.
func (r *Run) exitKnown(f *frame, output any, next string, known knownText, now time.Time) {
	text, ok := f.inputText(output)
	if !ok {
		text, ok = known.textOf(output)
	}
	if !ok {
		if text, ok = r.keepJSON(output); !ok {
			r.dataLimit(f, now)
			return
		}
	}
	if len(text) > MaxPayload {
		r.dataLimit(f, now)
		return
	}
	f.prev = r.emitText(exitedType(f.state.Type), f.prev, now, r.stateName(f.state), text)
	if next == "" {
		f.finish(output, text, now)
		return
	}
	if r.stepping == uintptr(unsafe.Pointer(f)) {
		// enterText's loop runs it. The output is already the next state's
		// input: writing it in place saves copying it (and, while the
		// collector runs, a write barrier a pointer).
		f.setInput(output, text, true)
		f.hasNext = true
		if st := f.state; st.NextState == nil || next != st.Next {
			f.next, f.nextNamed = next, true // a Choice's pick, or a Catch's Next
		}
		return
	}
	r.enterText(f, next, output, text, true, now) // the next state's input is this output, already encoded
}

// finish ends the frame successfully with output, whose text is text.
func (f *frame) finish(output any, text string, now time.Time) {
	if f.done != nil {
		f.done(output, now)
		return
	}
	r := f.run
	r.close(now, types.ExecutionStatusSucceeded, f.prev, text, nil, nil)
}

// report ends the frame with an error nothing caught.
func (f *frame) report(errName, cause string, now time.Time) {
	if f.failed != nil {
		f.failed(errName, cause, now)
		return
	}
	f.run.close(now, types.ExecutionStatusFailed, f.prev, "", optp(errName), optp(cause))
}

// stateFailed handles an error of the current state after its failure event
// (if any) was written: Retry, then Catch, then the frame fails.
func (r *Run) stateFailed(f *frame, errName, cause string, now time.Time) {
	f.lastError = errName
	if r.retry(f, errName, now) {
		return
	}
	r.catchOrReport(f, errName, cause, now)
}

// retry arms the retry of the current state if a retrier matches errName
// and has attempts left, and reports whether it did.
func (r *Run) retry(f *frame, errName string, now time.Time) bool {
	st := f.state
	i := asl.FindRetrier(st.Retry, errName)
	if i < 0 || int64(f.attempts[i]) >= st.Retry[i].MaxAttempts {
		return false
	}
	f.attempts[i]++
	f.retryCount++
	delay := st.Retry[i].Delay(f.attempts[i], r.unitFloat())
	f.retryTimer = r.arm(now.Add(delay), timer{kind: timerRetry, frame: f})
	return true
}

// catchOrReport moves on to the first matching catcher, or ends the frame
// with the error.
func (r *Run) catchOrReport(f *frame, errName, cause string, now time.Time) {
	st := f.state
	if j := asl.FindCatcher(st.Catch, errName); j >= 0 {
		c := st.Catch[j]
		out, err := asl.ApplyResultPath(c.ResultPath, f.input, errorOutput(errName, cause))
		if err != nil {
			r.runtimeError(f, err, now)
			return
		}
		r.exit(f, out, c.Next, now)
		return
	}
	f.report(errName, cause, now)
}

// errorOutput is the value a Catch passes on: {"Error": ..., "Cause": ...}.
func errorOutput(errName, cause string) map[string]any {
	return map[string]any{"Error": errName, "Cause": cause}
}

// retryDue re-runs the current state after a retry interval.
func (r *Run) retryDue(f *frame, now time.Time) {
	f.retryTimer = 0
	r.execute(f, now)
}

// runtimeError fails the current state with an error raised while
// processing it (paths, templates, intrinsics). States.Runtime is never
// retried or caught (DG error handling); other names go through Retry/Catch.
func (r *Run) runtimeError(f *frame, err error, now time.Time) {
	name, cause := asl.ErrRuntime, err.Error()
	var re *asl.RuntimeError
	if errors.As(err, &re) {
		name, cause = re.Name, re.Cause
	}
	cause = fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). %s",
		f.state.Name, f.entered, cause)
	if name == asl.ErrRuntime {
		f.report(name, cause, now)
		return
	}
	r.stateFailed(f, name, cause, now)
}

// fatal fails the frame with an error no Retry or Catch sees.
func (r *Run) fatal(f *frame, errName, cause string, now time.Time) { f.report(errName, cause, now) }

// dataLimit fails the current state for a payload over MaxPayload.
func (r *Run) dataLimit(f *frame, now time.Time) {
	r.stateFailed(f, asl.ErrDataLimitExceeded, fmt.Sprintf(
		"The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", f.state.Name), now)
}

func noChoiceCause(state string) string {
	return fmt.Sprintf("No Matches! in state '%s'", state)
}

// unitFloat returns a random float64 in [0, 1) for retry jitter.
func (r *Run) unitFloat() float64 {
	const n = 1 << 53
	return float64(r.cfg.Rand.Int64N(n)) / n
}

// stateEventTypes returns the Entered and Exited event types of states of
// type t ("" for a Fail state's Exited: it never exits). A switch, not a
// map lookup: every state transition asks.
func stateEventTypes(t string) (entered, exited types.HistoryEventType) {
	switch t {
	case asl.TypePass:
		return types.HistoryEventTypePassStateEntered, types.HistoryEventTypePassStateExited
	case asl.TypeTask:
		return types.HistoryEventTypeTaskStateEntered, types.HistoryEventTypeTaskStateExited
	case asl.TypeChoice:
		return types.HistoryEventTypeChoiceStateEntered, types.HistoryEventTypeChoiceStateExited
	case asl.TypeWait:
		return types.HistoryEventTypeWaitStateEntered, types.HistoryEventTypeWaitStateExited
	case asl.TypeSucceed:
		return types.HistoryEventTypeSucceedStateEntered, types.HistoryEventTypeSucceedStateExited
	case asl.TypeFail:
		return types.HistoryEventTypeFailStateEntered, ""
	case asl.TypeParallel:
		return types.HistoryEventTypeParallelStateEntered, types.HistoryEventTypeParallelStateExited
	case asl.TypeMap:
		return types.HistoryEventTypeMapStateEntered, types.HistoryEventTypeMapStateExited
	}
	return "", ""
}

func enteredType(t string) types.HistoryEventType {
	entered, _ := stateEventTypes(t)
	return entered
}

func exitedType(t string) types.HistoryEventType {
	_, exited := stateEventTypes(t)
	return exited
}

// emptyInterface is the layout of an interface value without methods.
type emptyInterface struct {
	typ, data unsafe.Pointer
}

func eface(p *any) *emptyInterface { return (*emptyInterface)(unsafe.Pointer(p)) }

// mapType is the type word of a map[string]any in an interface.
var mapType = func() unsafe.Pointer {
	var m any = map[string]any(nil)
	return eface(&m).typ
}()

// sameValue reports whether a and b are the very same value (the same map
// or slice, or equal scalars), so that one's JSON text serves the other.
func sameValue(a, b any) bool {
	// A map in an interface is its pointer: two interfaces holding maps
	// hold the same map when their words are equal. Every state's exit
	// asks this of its output, most often an object.
	if ea, eb := eface(&a), eface(&b); ea.typ == mapType && eb.typ == mapType {
		return ea.data == eb.data
	}
	switch x := a.(type) {
	case map[string]any:
		return false // b is not one
	case []any:
		y, ok := b.([]any)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case nil, bool, int64, float64, string:
		return a == b
	}
	return false
}
