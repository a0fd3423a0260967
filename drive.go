package sfnmem

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/internal/uuid"
	"github.com/sfnmem/sfnmem/interp"
)

// driver carries the task calls that one API call (or one timer) caused,
// and makes them after the engine's lock is released. Each caller drives
// only its own work, so an API method returns once everything it touched has
// run as far as it can without time passing.
type driver struct {
	e     *Engine
	calls []pendingCall
}

// pendingCall is a task whose handler is to be called: its execution and
// the id of its Scheduled event. What the handler is given is read from the
// run (Run.Call) when its turn comes, if the task is still open then.
type pendingCall struct {
	x  *executionState
	id int64
}

// push queues a call. The queue's array is kept from call to call (a
// linear run queues one call at a time, in the same slot), and a slot's
// execution is written only when it changes: a pointer written costs a
// write barrier while the garbage collector marks.
func (d *driver) push(x *executionState, id int64) {
	n := len(d.calls)
	if n == cap(d.calls) {
		d.calls = append(d.calls, pendingCall{x: x, id: id})
		return
	}
	d.calls = d.calls[:n+1]
	c := &d.calls[n]
	if c.x != x {
		c.x = x
	}
	c.id = id
}

// applyLocked carries out the effects a run produced: arms and cancels
// timers, queues task calls on d, and records a close. Call with e.mu held.
func (e *Engine) applyLocked(x *executionState, d *driver) {
	// Read in place and cleared in the run at once (a copy of the slice
	// headers, on the stack, writes no pointer to the heap): nothing below
	// calls into the run before the loops over Cancel, Timers and Calls
	// end, and only then may it write its arrays again (starting a Map Run
	// or closing may step it). MapRuns is ours to keep. o is x's open
	// parts until then too: x can only succeed in a step.
	o := x.open
	eff := *o.run.PendingEffects()
	o.run.ClearEffects()
	for _, id := range eff.Cancel {
		if t, ok := o.timers.Get(id); ok {
			t.Stop()
			o.timers.Delete(id)
		}
	}
	if len(eff.Timers) > 0 {
		e.armLocked(x, eff.Timers)
	}
	for _, id := range eff.Calls {
		d.push(x, id)
	}
	for _, req := range eff.MapRuns {
		e.mapRunLocked(x, req, d) // may close x, even succeed it, before the next request
	}
	if eff.Closed {
		e.closedLocked(x, d)
	}
	if len(e.inflight) > 0 {
		e.releaseClosedLocked(x)
	}
	if eff.Closed && x.x.Status == types.ExecutionStatusSucceeded {
		e.keepSucceededLocked(x)
	}
}

// keepSucceededLocked drops what a succeeded execution no longer needs.
// Nothing reads its open parts again: it cannot be redriven, stopped, or
// given a task result (its tokens, which name its seq, find it without
// them and answer TaskTimedOut), it has no timer left, and its record and
// history say all the rest; an engine keeping many executions keeps ~0.75
// KiB less for each, and the next execution to start takes the parts, and
// its run the run's memory (newOpenLocked). (Every place that reads them
// reads x.open when it needs them, under the lock, and none is on the
// stack here: an interp method returns before applyLocked runs.) Its
// history is final: its writer goes to the next history (192 bytes less
// kept), and past freezeAbove events kept unpacked, it is frozen, under
// a byte an event for a history that repeats itself instead of 8, and the
// memory of its entries goes to the next history too.
func (e *Engine) keepSucceededLocked(x *executionState) {
	if x.open != nil { // nil for one Restore made: it never had a run
		e.spareOpen, x.open = x.open, nil
	}
	if e.unpacked < e.freezeAbove {
		e.unpacked += x.log.Len()
		x.log.Release(&e.spare) // its writer, for the next history
		return
	}
	x.log.FreezeInto(&e.spare)
}

// armLocked starts the clock timers a run asked for.
func (e *Engine) armLocked(x *executionState, timers []interp.TimerArm) {
	now := e.clock.Now()
	for _, t := range timers {
		id := t.ID
		x.open.timers.Set(id, e.clock.AfterFunc(t.At.Sub(now), func() { e.fire(x, id) }))
	}
}

// closedLocked copies a closed run's outcome into the execution record.
func (e *Engine) closedLocked(x *executionState, d *driver) {
	o := x.open.run.Outcome()
	from := x.x.Status
	if err := x.x.Close(o.Status, o.At, o.Output, o.Error, o.Cause); err != nil {
		panic("sfnmem: " + err.Error()) // the run and the record disagree: a broken invariant
	}
	if x.x.Type == types.StateMachineTypeStandard {
		e.open--
	}
	x.open.timers.Clear() // the run cancelled them all
	if mr := x.mapRun(); mr != nil {
		mr.sizeHint = x.log.Size()
	} else {
		x.machine().sizeHint = x.log.Size()
	}
	e.indexMoveLocked(x, from, x.x.Status)
	for _, w := range e.waiters[x] {
		close(w)
	}
	delete(e.waiters, x)
	if x.mapRun() != nil {
		e.childClosedLocked(x, from, d)
	}
	e.abortMapRunsLocked(x, d)
	if m := x.machine(); m.status == types.StateMachineStatusDeleting {
		e.forgetIfIdleLocked(m)
	}
}

// fire is a timer callback: it runs with no lock held, like every clock
// callback, takes e.mu, and drives what the timer caused.
func (e *Engine) fire(x *executionState, id int64) {
	e.mu.Lock()
	o := x.open
	if o == nil { // it succeeded while the callback waited for the lock
		e.mu.Unlock()
		return
	}
	o.timers.Delete(id)
	d := &driver{e: e}
	o.run.Fire(id, e.now())
	e.applyLocked(x, d)
	e.mu.Unlock()
	d.run(context.Background())
}

// run makes the queued task calls in order, each without the lock held, and
// feeds their results back, until no work is left. A result is delivered,
// and the next call read, under one hold of the lock. It is one loop over
// locals: what a handler is given, built in a callee and passed back, would
// be copied at each step, and written through a pointer, its strings would
// cost a write barrier each while the collector marks.
func (d *driver) run(ctx context.Context) {
	if len(d.calls) == 0 {
		return
	}
	e := d.e
	e.mu.Lock()
	locked := true
	defer func() { // also when a bug panics, so that a server that recovers is not left locked
		if locked {
			e.mu.Unlock()
		}
	}()
	for len(d.calls) > 0 {
		c := d.pop()
		if c.x.open == nil {
			continue // its execution succeeded before the call's turn came
		}
		call, ok := c.x.open.run.Call(c.id)
		if !ok {
			continue // stopped or timed out before its turn came
		}
		h, wrap, input := e.findHandlerLocked(&call)
		in := TaskInput{Resource: call.Resource, StateName: call.StateName, Input: input,
			ExecutionArn: c.x.x.ARN, RetryCount: call.RetryCount, RedriveCount: call.RedriveCount, TaskToken: call.Token}
		var closed chan struct{}
		if h != nil && call.Bounded {
			closed = e.inflightLocked(c.x, call.Token)
		}
		e.mu.Unlock()
		locked = false
		out, ok, err := e.callTask(ctx, h, in, call.Callback, closed)
		e.mu.Lock()
		locked = true
		if closed != nil {
			delete(e.inflight, call.Token)
			if !ok {
				continue // the task timed out or its execution closed while the handler ran
			}
		}
		if c.x.open == nil {
			continue // the task timed out, was caught, and its execution succeeded while the handler ran
		}
		e.deliverLocked(c.x.open.run, call.Token, call.Callback, out, err, wrap)
		e.applyLocked(c.x, d)
	}
}

// callTask runs the handler h of a task with in, without the lock. ok is
// false when the task closed while a bounded handler (closed not nil) ran:
// there is nothing to deliver then.
func (e *Engine) callTask(ctx context.Context, h TaskHandler, in TaskInput, callback bool, closed chan struct{}) (out json.RawMessage, ok bool, err error) {
	switch {
	case h == nil && callback && e.cfg.externalCallbacks:
		// WithExternalCallbacks: a .waitForTaskToken task is completed from
		// outside; with no handler it waits, its token readable in
		// TaskScheduled's parameters.
		return nil, true, ErrTaskPending
	case h == nil:
		return nil, true, &TaskFailure{ErrorName: "States.TaskFailed", Cause: fmt.Sprintf(
			"sfnmem: no task handler registered for resource %q (Engine.HandleTask)", in.Resource)}
	case closed != nil:
		return callBounded(ctx, h, in, closed)
	}
	out, err = callHandler(ctx, h, in)
	return out, true, err
}

// pop takes the first queued call.
func (d *driver) pop() pendingCall {
	c := d.calls[0]
	if len(d.calls) == 1 {
		d.calls = d.calls[:0] // reuse the queue's array: a linear run queues one call at a time
	} else {
		d.calls = d.calls[1:]
	}
	return c
}

// inflightLocked registers a bounded handler call of x's task with token,
// and returns the channel closed when the task closes first.
func (e *Engine) inflightLocked(x *executionState, token string) chan struct{} {
	closed := make(chan struct{})
	if e.inflight == nil {
		e.inflight = map[string]inflightCall{}
	}
	e.inflight[token] = inflightCall{x: x, closed: closed}
	return closed
}

// deliverLocked reports a handler's outcome to the run.
func (e *Engine) deliverLocked(run *interp.Run, token string, callback bool, out json.RawMessage, err error, wrap bool) {
	if err != nil {
		e.deliverErrorLocked(run, token, callback, err)
		return
	}
	now := e.now()
	value, text, err := e.results.decode(out)
	switch {
	case err != nil: // not JSON: the run fails the state with States.Runtime
		_ = run.Succeed(token, string(out), now)
		return
	case wrap:
		value, text = lambdaResponse(value, text, token)
	}
	if callback {
		_ = run.Submitted(token, text, now)
		return
	}
	_ = run.SucceedValue(token, text, value, now)
}

// deliverErrorLocked reports a handler's error to the run. It is apart from
// deliverLocked because errors.As needs its target on the heap, which a
// successful task should not pay for.
func (e *Engine) deliverErrorLocked(run *interp.Run, token string, callback bool, err error) {
	now := e.now()
	var failure *TaskFailure
	switch {
	case errors.Is(err, ErrTaskPending):
		if callback {
			_ = run.Submitted(token, "{}", now)
		}
	case errors.As(err, &failure):
		_ = run.Fail(token, failure.ErrorName, failure.Cause, now)
	default:
		_ = run.Fail(token, "States.TaskFailed", err.Error(), now)
	}
}

// inflightCall is a handler call that its task's timeout can cut short.
type inflightCall struct {
	x      *executionState
	closed chan struct{} // closed when the task closes before the handler returns
}

// callBounded runs h for a task that can time out (TimeoutSeconds,
// HeartbeatSeconds, or the execution's TimeoutSeconds). A handler that
// ignores its context must not hold the caller past the task's end, so h
// runs on its own goroutine; when the task closes first (the clock fired its
// timeout, or the execution was stopped) the handler's context is cancelled
// and its eventual result is dropped. ok is false in that case.
func callBounded(ctx context.Context, h TaskHandler, in TaskInput, closed <-chan struct{}) (json.RawMessage, bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	type result struct {
		out json.RawMessage
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := callHandler(ctx, h, in)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		cancel()
		return r.out, true, r.err
	case <-closed:
		cancel()
		return nil, false, nil
	}
}

// releaseClosedLocked wakes the callers waiting on handlers of x's tasks
// that have closed. Call with e.mu held.
func (e *Engine) releaseClosedLocked(x *executionState) {
	for token, w := range e.inflight {
		if w.x == x && (x.open == nil || !x.open.run.OpenTask(token)) {
			close(w.closed)
			delete(e.inflight, token)
		}
	}
}

// callHandler runs h, turning a panic into a failed task: a bug in a test's
// handler must not take the engine down (docs/decisions.md).
func callHandler(ctx context.Context, h TaskHandler, in TaskInput) (out json.RawMessage, err error) {
	defer func() {
		if v := recover(); v != nil {
			out, err = nil, &TaskFailure{ErrorName: "States.TaskFailed", Cause: fmt.Sprintf("task handler panicked: %v", v)}
		}
	}()
	return h(ctx, in)
}

// findHandlerLocked finds the handler for a call: by exact Resource, or for
// the Lambda integration by the function named in Parameters.FunctionName.
// wrap reports that the result must be wrapped as Lambda's Invoke response.
// input is what the handler is given: a copy of the call's, or the Payload
// (nil when there is no handler).
func (e *Engine) findHandlerLocked(c *interp.Call) (h TaskHandler, wrap bool, input json.RawMessage) {
	if h := e.handlerLocked(c.Resource); h != nil {
		return h, false, e.pieces.copyString(c.Input)
	}
	if !isLambdaInvoke(c.Resource) {
		return nil, false, nil // no handler: nothing is given anything
	}
	obj, _ := c.InputValue.(map[string]any)
	fn, _ := obj["FunctionName"].(string)
	for _, key := range e.functionKeysLocked(fn) {
		if h := e.handlers[key]; h != nil {
			payload := "null"
			if p, ok := obj["Payload"]; ok {
				payload = jsonv.MustEncodeString(p)
			}
			return h, true, e.pieces.copyString(payload)
		}
	}
	return nil, false, nil
}

// handlerLocked returns the handler registered for resource, or nil. The
// last one found is remembered: a machine calls the same resource in task
// after task, and the parser gives equal Resources one string, so that the
// check costs a comparison of addresses where the map would hash the ARN.
func (e *Engine) handlerLocked(resource string) TaskHandler {
	if m := &e.lastHandler; m.ok && m.resource == resource {
		return m.h
	}
	h := e.handlers[resource]
	e.lastHandler = handlerMemo{resource: resource, h: h, ok: true}
	return h
}

// handlerMemo is the last handler lookup; HandleTask forgets it.
type handlerMemo struct {
	resource string
	h        TaskHandler
	ok       bool
}

func isLambdaInvoke(resource string) bool {
	i := strings.Index(resource, ":::lambda:invoke")
	return i >= 0 && (strings.HasSuffix(resource, ":::lambda:invoke") || strings.HasSuffix(resource, ":::lambda:invoke.waitForTaskToken"))
}

// functionKeysLocked is functionKeys, remembered per FunctionName: a
// machine names the same few functions in task after task. The keys depend
// only on fn and the engine's partition, region and account, which never
// change. Call with e.mu held.
func (e *Engine) functionKeysLocked(fn string) []string {
	if keys, ok := e.lambdaKeys[fn]; ok {
		return keys
	}
	keys := e.functionKeys(fn)
	if e.lambdaKeys == nil || len(e.lambdaKeys) >= maxLambdaKeys {
		e.lambdaKeys = map[string][]string{} // bounded: FunctionNames read from input may all differ
	}
	e.lambdaKeys[fn] = keys
	return keys
}

const maxLambdaKeys = 256

// functionKeys lists the handler keys a FunctionName may be registered
// under: as given, and as the unqualified function ARN (FunctionName may be a
// bare name, a partial or full ARN, with or without a version or alias).
func (e *Engine) functionKeys(fn string) []string {
	if fn == "" {
		return nil
	}
	keys := []string{fn}
	name := fn
	if strings.HasPrefix(fn, "arn:") {
		parts := strings.Split(fn, ":")
		if len(parts) >= 7 {
			name = parts[6]
			keys = append(keys, strings.Join(parts[:7], ":"))
		}
	} else if i := strings.Index(fn, ":"); i >= 0 {
		name = fn[:i]
	}
	arn := fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s", e.cfg.partition, e.cfg.region, e.cfg.account, name)
	return append(keys, arn)
}

// lambdaResponse wraps a function's result v, whose compact JSON is text,
// as the Lambda integration returns it (the Invoke API response), and
// returns the response with its compact JSON, written directly: the same
// bytes jsonv would write, keys sorted (TestLambdaResponseText), without
// encoding the payload again. The request id is derived from the task
// token so histories stay deterministic.
func lambdaResponse(v any, text, token string) (any, string) {
	reqID := requestID(token)
	resp := map[string]any{
		"ExecutedVersion": "$LATEST",
		"Payload":         v,
		"SdkHttpMetadata": map[string]any{
			"HttpHeaders": map[string]any{
				"Content-Type":           "application/json",
				"X-Amz-Executed-Version": "$LATEST",
				"x-amzn-RequestId":       reqID,
			},
			"HttpStatusCode": int64(200),
		},
		"SdkResponseMetadata": map[string]any{"RequestId": reqID},
		"StatusCode":          int64(200),
	}
	return resp, `{"ExecutedVersion":"$LATEST","Payload":` + text +
		`,"SdkHttpMetadata":{"HttpHeaders":{"Content-Type":"application/json","X-Amz-Executed-Version":"$LATEST","x-amzn-RequestId":"` + reqID +
		`"},"HttpStatusCode":200},"SdkResponseMetadata":{"RequestId":"` + reqID + `"},"StatusCode":200}`
}

// requestID derives a version-4-shaped UUID from a task token (FNV-1a).
func requestID(token string) string {
	h := uint64(14695981039346656037)
	for i := 0; i < len(token); i++ {
		h = (h ^ uint64(token[i])) * 1099511628211
	}
	g := h*0x9e3779b97f4a7c15 + 1
	var b [16]byte
	binary.BigEndian.PutUint32(b[0:4], uint32(h>>32))
	binary.BigEndian.PutUint16(b[4:6], uint16(h>>16))
	binary.BigEndian.PutUint16(b[6:8], 0x4000|uint16(h)&0xfff)
	binary.BigEndian.PutUint16(b[8:10], 0xa000|uint16(g>>48)&0xfff)
	binary.BigEndian.PutUint16(b[10:12], uint16(g>>32))
	binary.BigEndian.PutUint32(b[12:16], uint32(g))
	return uuid.Format(b)
}
