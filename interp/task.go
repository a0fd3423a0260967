package interp

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Error names a task can time out with. A lapsed heartbeat is reported as
// States.Timeout too, with no cause, as recorded against AWS (both
// TaskTimedOut and ExecutionFailed), although the docs name
// States.HeartbeatTimeout.
const (
	timeoutError   = asl.ErrTimeout
	heartbeatError = asl.ErrTimeout
)

// ErrTaskNotOpen is returned for a token whose task has already completed,
// failed or timed out, or whose execution has closed.
var ErrTaskNotOpen = errors.New("interp: task is no longer open")

// task is a Task state that has started and not yet finished.
type task struct {
	frame     *frame
	res       *resource
	heartbeat time.Duration
	timeout   int64 // timer ids; 0 when not armed
	beat      int64
	submitted bool
	// The token and the effective input, with what the frame and the
	// resource hold, make the handler's Call, which Run.Call builds when the
	// engine asks: a task holds as few pointers as it can, since each one
	// written costs a write barrier while the garbage collector marks,
	// which on one core is much of the time.
	token string
	id    int64 // the Scheduled event's; 0 for a task restored from a snapshot
	// The effective input is the state's own (f.input and f.inText) when
	// inputFromFrame, which most tasks' is (no InputPath or Parameters);
	// else input and inputValue.
	inputFromFrame bool
	input          string
	inputValue     any
}

// schedule writes the Scheduled and Started events of the current Task
// state and asks the engine to call its handler.
func (r *Run) schedule(f *frame, now time.Time) {
	st := f.state
	id := r.lastEventID() + 1 // the Scheduled event's
	token := r.cfg.Tokens.TokenFor(id)
	ctx := r.context(f, token)
	in, err := asl.ApplyInputPath(st.InputPath, f.input, ctx)
	if err != nil {
		r.runtimeError(f, err, now)
		return
	}
	eff := in
	if st.Parameters != nil {
		if eff, err = st.Parameters.Apply(in, ctx, r.cfg.Rand); err != nil {
			r.runtimeError(f, err, now)
			return
		}
	}
	var timeout, heartbeat *int64
	if st.TimeoutSeconds != nil || st.TimeoutSecondsPath != "" || st.HeartbeatSeconds != nil || st.HeartbeatSecondsPath != "" {
		if timeout, err = seconds(st.TimeoutSeconds, st.TimeoutSecondsPath, "TimeoutSecondsPath", in, ctx); err != nil {
			r.runtimeError(f, err, now)
			return
		}
		if heartbeat, err = seconds(st.HeartbeatSeconds, st.HeartbeatSecondsPath, "HeartbeatSecondsPath", in, ctx); err != nil {
			r.runtimeError(f, err, now)
			return
		}
	}
	params, known := f.inputText(eff) // no InputPath or Parameters: the state's input, already encoded
	if !known {
		var ok bool
		if params, ok = r.keepJSON(eff); !ok {
			r.dataLimit(f, now)
			return
		}
	}
	if len(params) > MaxPayload {
		r.dataLimit(f, now)
		return
	}
	// Written field by field, and a pointer only when it changes (a run
	// reuses one task's memory from task to task): a struct assigned whole
	// is copied with a bulk barrier, and each pointer written costs a write
	// barrier while the collector marks.
	t := r.newTask()
	if t.frame != f {
		t.frame = f
	}
	if res := r.resourceOf(st.Resource); t.res != res {
		t.res = res
	}
	t.heartbeat, t.timeout, t.beat, t.submitted = 0, 0, 0, false
	t.token, t.id = token, id
	if t.inputFromFrame = known; !known {
		t.input, t.inputValue = params, eff
	}
	r.writeScheduled(f, t.res, params, timeout, heartbeat, now)
	// TimeoutSeconds counts from the start of each attempt, so a redriven
	// or retried task has its full timeout again (spec 1.4).
	if timeout != nil {
		t.timeout = r.arm(now.Add(time.Duration(*timeout)*time.Second), timer{kind: timerTaskTimeout, token: token})
	}
	if heartbeat != nil {
		t.heartbeat = time.Duration(*heartbeat) * time.Second
		t.beat = r.arm(now.Add(t.heartbeat), timer{kind: timerHeartbeat, token: token})
	}
	r.tasks.add(t)
	r.effects.Calls = append(r.effects.Calls, id)
}

// seconds reads TimeoutSeconds/HeartbeatSeconds or their ...Path variant;
// nil means not set.
func seconds(fixed *int64, path, field string, in, ctx any) (*int64, error) {
	if fixed != nil {
		return fixed, nil
	}
	if path == "" {
		return nil, nil
	}
	v, err := asl.Select(path, in, ctx)
	if err != nil {
		return nil, err
	}
	n, ok := wholeNumber(v)
	if !ok || n <= 0 {
		return nil, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: fmt.Sprintf(
			"The value for the field '%s' must be a positive integer, but was %s", field, jsonv.MustEncodeString(v))}
	}
	return &n, nil
}

func (r *Run) writeScheduled(f *frame, res *resource, params string, timeout, heartbeat *int64, now time.Time) {
	var sched, started int64
	switch res.kind {
	case kindLambda:
		tmpl := res.scheduled
		if timeout != nil {
			tmpl = &types.LambdaFunctionScheduledEventDetails{Resource: res.arnp, TimeoutInSeconds: timeout}
		}
		sched = r.emitText(types.HistoryEventTypeLambdaFunctionScheduled, f.prev, now, tmpl, params)
		started = r.emit(types.HistoryEventTypeLambdaFunctionStarted, sched, now, nil)
	case kindActivity:
		tmpl := res.scheduled
		if timeout != nil || heartbeat != nil {
			tmpl = &types.ActivityScheduledEventDetails{Resource: res.arnp, TimeoutInSeconds: timeout, HeartbeatInSeconds: heartbeat}
		}
		sched = r.emitText(types.HistoryEventTypeActivityScheduled, f.prev, now, tmpl, params)
		started = r.emit(types.HistoryEventTypeActivityStarted, sched, now, res.started)
	default:
		tmpl := res.scheduled
		if timeout != nil || heartbeat != nil {
			d := *res.scheduled.(*types.TaskScheduledEventDetails)
			d.TimeoutInSeconds, d.HeartbeatInSeconds = timeout, heartbeat
			tmpl = &d
		}
		sched = r.emitText(types.HistoryEventTypeTaskScheduled, f.prev, now, tmpl, params)
		started = r.emit(types.HistoryEventTypeTaskStarted, sched, now, res.started)
	}
	f.prev = started
}

// Submitted records that a .waitForTaskToken task's handler returned: its
// result is the submission (TaskSubmitted), and the task now waits for
// SendTaskSuccess or SendTaskFailure.
func (r *Run) Submitted(token, output string, now time.Time) error {
	t, ok := r.tasks.get(token)
	if !ok {
		return ErrTaskNotOpen
	}
	if t.submitted || t.res.kind != kindService {
		return nil
	}
	t.submitted = true
	r.guard(now, func() {
		f := t.frame
		f.prev = r.emitText(types.HistoryEventTypeTaskSubmitted, f.prev, now, t.res.submitted, output)
	})
	return nil
}

// Heartbeat restarts the task's HeartbeatSeconds timer (SendTaskHeartbeat).
func (r *Run) Heartbeat(token string, now time.Time) error {
	t, ok := r.tasks.get(token)
	if !ok {
		return ErrTaskNotOpen
	}
	if t.beat != 0 {
		r.disarm(t.beat)
		t.beat = r.arm(now.Add(t.heartbeat), timer{kind: timerHeartbeat, token: token})
	}
	return nil
}

// newTask returns a task to fill in: the one the run finished last, or a
// new one.
func (r *Run) newTask() *task {
	if r.spareFree {
		r.spareFree = false // spareTask still points to it: no pointer to write
		return r.spareTask
	}
	return new(task)
}

// freeTask keeps a finished task's memory for the next one: nothing holds
// a closed task. Its pointers stay until the next task overwrites them (a
// closed run drops its spare task).
func (r *Run) freeTask(t *task) {
	if r.spareTask != t {
		r.spareTask = t
	}
	r.spareFree = true
}

// takeTask removes an open task and its timers.
func (r *Run) takeTask(token string) (*task, bool) {
	t, ok := r.tasks.get(token)
	if !ok {
		return nil, false
	}
	r.tasks.remove(token)
	if t.timeout != 0 {
		r.disarm(t.timeout)
	}
	if t.beat != 0 {
		r.disarm(t.beat)
	}
	return t, true
}

// Succeed completes the task with output, a JSON text (a handler's result or
// SendTaskSuccess), and runs the execution on.
func (r *Run) Succeed(token, output string, now time.Time) error {
	return r.succeed(token, output, nil, false, now)
}

// SucceedValue is Succeed for a caller that has already decoded output
// (value) and encoded it compactly (output), so neither is done twice.
func (r *Run) SucceedValue(token, output string, value any, now time.Time) error {
	return r.succeed(token, output, value, true, now)
}

func (r *Run) succeed(token, output string, value any, decoded bool, now time.Time) error {
	t, ok := r.takeTask(token)
	if !ok {
		return ErrTaskNotOpen
	}
	f, res, tok := t.frame, t.res, t.token
	r.freeTask(t)
	// guard's work without its closure: every task completes here.
	defer r.limitGuard(now)
	f.prev = r.emitText(succeededType(res.kind), f.prev, now, res.succeeded, output)
	if len(output) > MaxPayload {
		r.dataLimit(f, now)
		return nil
	}
	result, err := value, error(nil)
	if !decoded {
		result, err = jsonv.DecodeString(output)
	}
	if err != nil {
		r.runtimeError(f, &asl.RuntimeError{Name: asl.ErrRuntime, Cause: "The task returned output that is not valid JSON."}, now)
		return nil
	}
	// output is result's compact text when decoded: passed on to exit
	// as an argument, on the stack, for the state's output is most
	// often the result itself (no ResultPath).
	known := knownText{value: result, text: output, ok: decoded}
	ctx := r.context(f, tok)
	if rs := f.state.ResultSelector; rs != nil {
		if result, err = rs.Apply(result, ctx, r.cfg.Rand); err != nil {
			r.runtimeError(f, err, now)
			return nil
		}
	}
	r.finishKnown(f, result, ctx, known, now)
	return nil
}

// Fail fails the task with an error name and cause (a handler's error or
// SendTaskFailure); Retry and Catch apply.
func (r *Run) Fail(token, errName, cause string, now time.Time) error {
	t, ok := r.takeTask(token)
	if !ok {
		return ErrTaskNotOpen
	}
	r.guard(now, func() {
		f := t.frame
		f.prev = r.emit(failedType(t.res.kind), f.prev, now, failedDetails(t.res, optp(errName), optp(cause)))
		r.stateFailed(f, errName, cause, now)
	})
	return nil
}

// taskTimedOut fails the task for its TimeoutSeconds or HeartbeatSeconds.
func (r *Run) taskTimedOut(token, errName string, now time.Time) {
	t, ok := r.takeTask(token)
	if !ok {
		return
	}
	f := t.frame
	f.prev = r.emit(timedOutType(t.res.kind), f.prev, now, timedOutDetails(t.res, strp(errName)))
	r.stateFailed(f, errName, "", now)
}

// OpenTask reports whether token names a task of this run that is still open.
func (r *Run) OpenTask(token string) bool {
	_, ok := r.tasks.get(token)
	return ok
}

// Call returns the handler call of the open task scheduled by event id
// (listed in Effects.Calls when it was scheduled), or false if the task is
// no longer open. It is returned by value, on the caller's stack: written
// through a pointer, each of its pointers would cost a write barrier while
// the garbage collector marks, and the engine asks at every task.
func (r *Run) Call(id int64) (Call, bool) {
	t, ok := r.tasks.getID(id)
	if !ok {
		return Call{}, false
	}
	f := t.frame
	st := f.state
	c := Call{Token: t.token, Resource: st.Resource, StateName: st.Name,
		RetryCount: f.retryCount, RedriveCount: r.redrives, Callback: t.res.callback,
		Bounded: t.timeout != 0 || t.beat != 0 || r.cfg.Definition.TimeoutSeconds != nil}
	if t.inputFromFrame {
		c.Input, c.InputValue = f.inText, f.input
	} else {
		c.Input, c.InputValue = t.input, t.inputValue
	}
	return c, true
}

func succeededType(k resourceKind) types.HistoryEventType {
	switch k {
	case kindLambda:
		return types.HistoryEventTypeLambdaFunctionSucceeded
	case kindActivity:
		return types.HistoryEventTypeActivitySucceeded
	}
	return types.HistoryEventTypeTaskSucceeded
}

func failedType(k resourceKind) types.HistoryEventType {
	switch k {
	case kindLambda:
		return types.HistoryEventTypeLambdaFunctionFailed
	case kindActivity:
		return types.HistoryEventTypeActivityFailed
	}
	return types.HistoryEventTypeTaskFailed
}

func failedDetails(res *resource, errName, cause *string) any {
	switch res.kind {
	case kindLambda:
		return &types.LambdaFunctionFailedEventDetails{Error: errName, Cause: cause}
	case kindActivity:
		return &types.ActivityFailedEventDetails{Error: errName, Cause: cause}
	}
	return &types.TaskFailedEventDetails{ResourceType: res.typp, Resource: res.namep, Error: errName, Cause: cause}
}

func timedOutType(k resourceKind) types.HistoryEventType {
	switch k {
	case kindLambda:
		return types.HistoryEventTypeLambdaFunctionTimedOut
	case kindActivity:
		return types.HistoryEventTypeActivityTimedOut
	}
	return types.HistoryEventTypeTaskTimedOut
}

func timedOutDetails(res *resource, errName *string) any {
	switch res.kind {
	case kindLambda:
		return &types.LambdaFunctionTimedOutEventDetails{Error: errName}
	case kindActivity:
		return &types.ActivityTimedOutEventDetails{Error: errName}
	}
	return &types.TaskTimedOutEventDetails{ResourceType: res.typp, Resource: res.namep, Error: errName}
}
