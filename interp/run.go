package interp

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/asl/intrinsic"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/idmap"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// MaxPayload is the Step Functions quota on the size of an execution's or a
// state's input and output: 256 KiB of UTF-8 (DG-Quotas).
const MaxPayload = 256 * 1024

// Execution describes the execution a Run belongs to, as the context object
// ($$.Execution, $$.StateMachine) and the ExecutionStarted event report it.
type Execution struct {
	ARN              string
	Name             string
	StateMachineARN  string
	StateMachineName string
	VersionARN       string
	AliasARN         string
	RoleARN          string
	Input            string // JSON text
	StartTime        time.Time
	Region           string
}

// Config is what a Run needs to start.
type Config struct {
	Definition *asl.Definition
	Log        *history.Log
	Execution  Execution
	Rand       intrinsic.Rand
	// Tokens gives the task token for the task scheduled by event id in
	// this execution. A token must be unique across the engine.
	Tokens TokenSource
	// InputCompact reports that Execution.Input is its value's compact
	// JSON, as the interpreter writes it, so that the first state's input
	// need not be encoded again.
	InputCompact bool
	// Resources, when not nil, is shared with the other runs of the same
	// engine (never concurrently), so that they parse each Task resource
	// once; nil gives the run its own.
	Resources *Resources
	// Spare, when not nil, is a Run whose execution has closed and that
	// nothing will read or call again (the engine passes the run of the
	// execution that succeeded last): the new run takes its memory, and
	// its top frame's, instead of allocating its own. The run returned is
	// then Spare itself. A Spare still open is ignored.
	Spare *Run
}

// TokenSource makes task tokens. It is an interface, not a func, so that
// the engine can pass a pointer into a record it keeps anyway instead of
// allocating a closure (and its captured variables) for every execution.
type TokenSource interface {
	TokenFor(eventID int64) string
}

// TokenFunc adapts a function to TokenSource.
type TokenFunc func(eventID int64) string

// TokenFor returns f(eventID).
func (f TokenFunc) TokenFor(eventID int64) string { return f(eventID) }

// Status is a run's status as the execution reports it.
type Status = types.ExecutionStatus

// Outcome is how a closed run ended.
type Outcome struct {
	Status types.ExecutionStatus
	Output string  // SUCCEEDED only
	Error  *string // nil when absent
	Cause  *string
	At     time.Time
}

// Run is one execution's interpreter state.
type Run struct {
	cfg Config
	log *history.Log

	input           any // the execution input, decoded
	top             *frame
	open            bool
	outcome         Outcome
	redrives        int
	redriveTime     time.Time
	deleting        bool           // the state machine is being deleted
	execCtx         map[string]any // $$.Execution of the current attempt
	execCtxRedrives int            // the redrive count execCtx was built for

	nextTimer int64
	timers    idmap.Map[timer] // pending timers by id: a few at a time
	deferred  [2]deferredTimer // execution timers armed when the step ends (armDeferred)
	nDeferred int
	spareTask *task  // a task's memory, for the next one when spareFree (newTask)
	spareFree bool   // spareTask is free
	spareTop  *frame // a succeeded run's top frame, emptied, for a run that takes its memory (Config.Spare)
	// stepping is the address of the frame whose enterText loop runs
	// innermost (see enterText). An address, not a pointer: it is only
	// compared, and written twice a state, which for a pointer costs two
	// write barriers while the collector marks. The frame is live while
	// its address is here (its enterText is running).
	stepping     uintptr
	tasks        openTasks         // open tasks by token
	mapRuns      map[string]*frame // Map Runs being waited for, by ARN
	resources    *Resources        // parsed Task resources, when cfg.Resources is nil
	lastResource *resource         // the resource resourceOf returned last
	names        *history.Names    // the machine's state names, shared (stateName)

	effects Effects
}

// Effects are what a Run asks of the world after an entry point returns.
type Effects struct {
	Calls   []int64    // the Scheduled event ids of the tasks whose handlers to call, in order (Run.Call)
	Timers  []TimerArm // timers to arm
	Cancel  []int64    // timers no longer needed
	MapRuns []MapRun   // Map Runs to start or redrive
	Closed  bool       // the run closed during this step
}

// Call asks the engine to invoke the handler for a Task state.
type Call struct {
	Token        string
	Resource     string // the Resource as written in the definition
	StateName    string
	Input        string // the effective input (after InputPath and Parameters), JSON
	InputValue   any    // Input's value; never modified
	RetryCount   int
	RedriveCount int
	Callback     bool // .waitForTaskToken: the result is the submission, not the task's output
	// Bounded reports that the task can end while its handler runs (it has
	// a timeout or a heartbeat, or the execution has a timeout).
	Bounded bool
}

// TimerArm asks the engine to call Fire(ID) at At.
type TimerArm struct {
	ID int64
	At time.Time
}

// limitReached unwinds a step when the history is full; see guard.
type limitReached struct{}

// Start appends ExecutionStarted and runs the execution as far as it can go
// at now. Its effects are ready in TakeEffects.
func Start(cfg Config, now time.Time) (*Run, error) {
	input, err := jsonv.DecodeString(cfg.Execution.Input)
	if err != nil {
		return nil, fmt.Errorf("interp: execution input: %w", err)
	}
	return StartDecoded(cfg, input, now), nil
}

// StartDecoded is Start for a caller that has decoded the execution input
// already (to validate it): input must be cfg.Execution.Input's value, and
// is never modified.
func StartDecoded(cfg Config, input any, now time.Time) *Run {
	r, top := cfg.Spare, (*frame)(nil)
	cfg.Spare = nil // not kept: a closed run would keep the one before it alive
	if r != nil && !r.open {
		// Its top frame is nil unless it succeeded: another keeps its frames
		// (a failed run's top may be restored or snapshotted by its owner).
		// Its spare task and its effects' arrays were emptied when it closed.
		top = r.spareTop
		t, e := r.spareTask, r.effects
		*r = Run{cfg: cfg, log: cfg.Log, input: input, open: true, spareTask: t, spareFree: t != nil,
			effects: Effects{Calls: e.Calls[:0], Timers: e.Timers[:0], Cancel: e.Cancel[:0]}}
	} else {
		r = &Run{cfg: cfg, log: cfg.Log, input: input, open: true}
	}
	r.names = r.namesOf(cfg.Definition)
	r.guard(now, func() {
		x := cfg.Execution
		r.emitText(types.HistoryEventTypeExecutionStarted, 0, now, r.startedDetails(), x.Input)
		r.armExecutionTimeout(now)
		// The first state's Entered event links to 0, not to ExecutionStarted,
		// as recorded against AWS (aws-recorded.md 3.7 A, C, D, H).
		if top == nil {
			top = new(frame)
		}
		*top = frame{run: r, def: cfg.Definition}
		r.top = top
		r.enterText(r.top, cfg.Definition.StartAt, input, cfg.Execution.Input, cfg.InputCompact, now)
	})
	return r
}

// startedDetails returns the ExecutionStarted details of the run but for
// its input, which the log keeps as text. They depend only on the role and
// the version and alias started, so the executions of a machine share one
// value (the log never modifies what it is given to share), kept in
// cfg.Resources.
func (r *Run) startedDetails() *types.ExecutionStartedEventDetails {
	x := r.cfg.Execution
	cache := r.cfg.Resources
	if cache != nil {
		if d := cache.started; d != nil && *d.RoleArn == x.RoleARN &&
			deref(d.StateMachineAliasArn) == x.AliasARN && deref(d.StateMachineVersionArn) == x.VersionARN {
			return d
		}
	}
	d := &types.ExecutionStartedEventDetails{
		RoleArn:                strp(x.RoleARN),
		StateMachineAliasArn:   optp(x.AliasARN),
		StateMachineVersionArn: optp(x.VersionARN),
	}
	if cache != nil {
		cache.started = d
	}
	return d
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// PendingEffects returns the effects accumulated since the last
// ClearEffects, in place: the caller reads what it needs, then calls
// ClearEffects before anything else calls into the run. Read in place and
// cleared by cutting the slices to length, the run keeps and reuses their
// arrays, and an engine's step copies no pointers: each pointer written
// costs a write barrier while the garbage collector marks.
func (r *Run) PendingEffects() *Effects {
	if r.nDeferred > 0 {
		r.armDeferred()
	}
	return &r.effects
}

// ClearEffects forgets the pending effects. The run's next step writes
// their Calls, Timers and Cancel arrays again, so a caller must be done
// with those slices before it calls into the run again; MapRuns is the
// caller's to keep. A closed run keeps no arrays (so no tokens), and one
// that succeeded lets go of what it no longer needs (releaseSucceeded).
func (r *Run) ClearEffects() {
	closed := r.effects.Closed
	if r.open {
		// Cut in place: writing a slice back to itself writes no pointer.
		r.effects.Calls = r.effects.Calls[:0]
		r.effects.Timers = r.effects.Timers[:0]
		r.effects.Cancel = r.effects.Cancel[:0]
		if r.effects.MapRuns != nil {
			r.effects.MapRuns = nil
		}
		r.effects.Closed = false
	} else {
		e := &r.effects
		keep := Effects{Calls: e.Calls[:0], Timers: e.Timers[:0], Cancel: e.Cancel[:0]}
		r.effects = Effects{}
		if closed && r.outcome.Status == types.ExecutionStatusSucceeded {
			r.effects = keep // their memory, for a run that takes this one's (Config.Spare)
		}
	}
	if closed && r.outcome.Status == types.ExecutionStatusSucceeded {
		r.releaseSucceeded()
	}
}

// TakeEffects returns a copy of the pending effects and clears them: what
// PendingEffects and ClearEffects do, for a caller that keeps the effects.
func (r *Run) TakeEffects() Effects {
	e := *r.PendingEffects()
	e.Calls, e.Timers, e.Cancel = slices.Clone(e.Calls), slices.Clone(e.Timers), slices.Clone(e.Cancel)
	r.ClearEffects()
	return e
}

// releaseSucceeded lets go of what a run that succeeded no longer needs.
// Nothing can redrive it (only FAILED, TIMED_OUT and ABORTED executions
// are redriven), so its frames, which hold the last states' inputs and
// results, its decoded input and its caches are dropped: whoever keeps the
// run keeps none of them. The top frame's memory, and its last task's
// (emptied when it closed), are kept, emptied, for a run that takes this
// one's memory (Config.Spare). A snapshot of such a
// run records no frames (TestSucceededRunKeepsNoFrames).
func (r *Run) releaseSucceeded() {
	if r.top != nil {
		*r.top = frame{}
		r.spareTop = r.top
	}
	r.top, r.input, r.execCtx, r.lastResource = nil, nil, nil, nil
}

// Open reports whether the run is still running.
func (r *Run) Open() bool { return r.open }

// Outcome returns how the run closed; valid when !Open().
func (r *Run) Outcome() Outcome { return r.outcome }

// guard runs step, turning a full history into a failed execution.
func (r *Run) guard(now time.Time, step func()) {
	defer r.limitGuard(now)
	step()
}

// limitGuard, deferred, turns a full history (limitReached) into a
// failed execution; any other panic goes on.
func (r *Run) limitGuard(now time.Time) {
	if v := recover(); v != nil {
		if _, ok := v.(limitReached); !ok {
			panic(v)
		}
		r.failForLimit(now)
	}
}

// emit appends an event. details are never modified once emitted (some,
// such as a resource's TaskStarted details, are shared by every event of
// that resource), so the log keeps them as they are.
func (r *Run) emit(typ types.HistoryEventType, prev int64, now time.Time, details any) int64 {
	r.needRoom(typ)
	id, err := r.log.AppendOwned(typ, prev, now, details)
	if err != nil {
		appendFailed(typ, err)
	}
	return id
}

// emitText appends an event stored as shared details plus its data text
// (history.Log.AppendText).
func (r *Run) emitText(typ types.HistoryEventType, prev int64, now time.Time, shared any, text string) int64 {
	r.needRoom(typ)
	id, err := r.log.AppendText(typ, prev, now, shared, text)
	if err != nil {
		appendFailed(typ, err)
	}
	return id
}

// needRoom unwinds the step with limitReached when only the closing event
// would still fit, so the execution fails instead (DG-Quotas: an execution
// whose history reaches the limit fails).
func (r *Run) needRoom(typ types.HistoryEventType) {
	if r.log.Len() >= r.log.Limit()-1 && !closing(typ) {
		panic(limitReached{})
	}
}

// appendFailed unwinds the step with limitReached for a full history; any
// other error appending an event is a bug. (Apart from emit and emitText,
// which check err inline: every event appended asks.)
func appendFailed(typ types.HistoryEventType, err error) {
	if errors.Is(err, history.ErrLimit) {
		panic(limitReached{})
	}
	panic(fmt.Sprintf("interp: append %s: %v", typ, err))
}

func closing(t types.HistoryEventType) bool {
	switch t {
	case types.HistoryEventTypeExecutionSucceeded, types.HistoryEventTypeExecutionFailed,
		types.HistoryEventTypeExecutionAborted, types.HistoryEventTypeExecutionTimedOut:
		return true
	}
	return false
}

// Error name and cause of an execution failed by a full history; see
// docs/decisions.md ("History event limit").
const (
	limitError = "States.Runtime"
	limitCause = "The execution reached the maximum number of history events (%d)."
)

func (r *Run) failForLimit(now time.Time) {
	if !r.open {
		return
	}
	r.close(now, types.ExecutionStatusFailed, r.lastEventID(), "", strp(limitError), strp(fmt.Sprintf(limitCause, r.log.Limit())))
}

func (r *Run) lastEventID() int64 { return int64(r.log.Len()) }

// close ends the run: cancels every timer and open task and writes the
// closing event.
func (r *Run) close(now time.Time, status types.ExecutionStatus, prev int64, output string, errName, cause *string) {
	r.open = false
	r.cancelAll()
	switch status {
	case types.ExecutionStatusSucceeded:
		r.emitText(types.HistoryEventTypeExecutionSucceeded, prev, now, executionSucceeded, output)
	case types.ExecutionStatusFailed:
		r.emit(types.HistoryEventTypeExecutionFailed, prev, now, &types.ExecutionFailedEventDetails{Error: errName, Cause: cause})
	case types.ExecutionStatusTimedOut:
		r.emit(types.HistoryEventTypeExecutionTimedOut, prev, now, &types.ExecutionTimedOutEventDetails{Error: errName, Cause: cause})
	case types.ExecutionStatusAborted:
		r.emit(types.HistoryEventTypeExecutionAborted, prev, now, &types.ExecutionAbortedEventDetails{Error: errName, Cause: cause})
	}
	r.outcome = Outcome{Status: status, Output: output, Error: errName, Cause: cause, At: now}
	r.effects.Closed = true
}

// cancelAll forgets every timer and open task of the run.
func (r *Run) cancelAll() {
	r.timers.All(func(id int64, _ timer) bool {
		r.effects.Cancel = append(r.effects.Cancel, id)
		return true
	})
	sortInt64(r.effects.Cancel)
	r.timers.Clear() // a closed run holds no memory for timers

	r.tasks.clear()
	if r.spareTask != nil { // emptied (it held its last task's token and input), for the run that takes this one's memory
		*r.spareTask = task{}
		r.spareFree = true
	}
	r.mapRuns = nil
}

// MachineDeleting marks the state machine as DELETING: the run aborts at its
// next state transition (API-DeleteSM).
func (r *Run) MachineDeleting() { r.deleting = true }

// Stop aborts a running execution (StopExecution): ExecutionAborted links to
// event 0, as recorded against AWS (aws-recorded.md 3.7 I).
func (r *Run) Stop(errName, cause *string, now time.Time) {
	if !r.open {
		return
	}
	r.guard(now, func() { r.close(now, types.ExecutionStatusAborted, 0, "", errName, cause) })
}

func strp(s string) *string { return &s }

// optp returns nil for "", so optional members stay absent.
func optp(s string) *string {
	if s == "" {
		return nil
	}
	c := s // declared here, so that s itself does not move to the heap on every call
	return &c
}

// executionSucceeded is the shared part of every ExecutionSucceeded event:
// none but the output.
var executionSucceeded = &types.ExecutionSucceededEventDetails{}

// Waiting reports whether an open run has a way to progress: an open task,
// a pending timer, or a Map Run it waits for. An open run that is not
// waiting is stuck, which must never happen (the engine's invariants check
// it).
func (r *Run) Waiting() bool {
	return r.tasks.len() > 0 || r.timers.Len() > 0 || r.nDeferred > 0 || len(r.mapRuns) > 0
}
