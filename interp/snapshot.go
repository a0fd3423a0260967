package interp

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// RunState is a Run's state as plain data, for an engine snapshot: the
// frame tree (with the Parallel and Map groups and their children), the
// pending timers with their deadlines, the open tasks and the Map Runs the
// run waits for. A closed run keeps its frames too, because a redrive
// resumes from them. JSON values are carried as [EncodeValue] writes them.
//
// Nothing in it refers to the definition by pointer: a frame names its
// state, and a child frame's definition follows from its place in its
// group (branch i of a Parallel, the ItemProcessor of a Map).
type RunState struct {
	Execution   Execution
	Open        bool
	Outcome     Outcome
	Redrives    int
	RedriveTime time.Time
	Deleting    bool
	NextTimer   int64
	Top         *FrameState // nil only for a run that failed before its first state
	Timers      []TimerState
	Tasks       []TaskState
	MapRuns     []MapRunWait
}

// FrameState is one frame: the whole state machine, a Parallel branch or a
// Map iteration. ID is its position in a depth-first walk of the tree from
// the top frame (0), which is how timers, tasks and Map Runs refer to it.
type FrameState struct {
	ID             int
	State          string // "" for a child frame that has not entered a state
	Input          json.RawMessage
	Entered        int64
	EnteredAt      time.Time
	Prev           int64
	Attempts       []int
	RetryCount     int
	WaitTimer      int64
	WaitOutput     json.RawMessage
	RetryTimer     int64
	Token          string
	LastError      string
	MapRunARN      string
	MapRunRedrives int
	Group          *GroupState
}

// GroupState is the work of a Parallel or inline Map state.
type GroupState struct {
	Kind     string // asl.TypeParallel or asl.TypeMap
	Children []ChildState
	Queue    []int
	Running  int
	Limit    int
	Failed   bool
	Context  json.RawMessage
}

// ChildState is one branch or iteration; its index is its position.
type ChildState struct {
	Status string // PENDING, RUNNING, SUCCEEDED, FAILED or ABORTED
	Input  json.RawMessage
	Output json.RawMessage
	Frame  *FrameState // nil until the child is first taken
}

// TimerState is a pending timer and its absolute deadline.
type TimerState struct {
	ID    int64
	Kind  string
	Frame int // -1 for timers that belong to no frame
	Token string
	At    time.Time
}

// TaskState is an open task.
type TaskState struct {
	Token     string
	Frame     int
	Heartbeat time.Duration
	Timeout   int64 // timer ids; 0 when not armed
	Beat      int64
	Submitted bool
}

// MapRunWait is a Map Run the run is waiting for, and the frame of its
// Distributed Map state.
type MapRunWait struct {
	ARN   string
	Frame int
}

// Timers returns the pending timers of the run, in id order: what an
// engine must arm again after restoring it.
func (r *Run) Timers() []TimerArm {
	out := make([]TimerArm, 0, r.timers.Len())
	r.timers.All(func(id int64, t timer) bool {
		out = append(out, TimerArm{ID: id, At: t.at})
		return true
	})
	slices.SortFunc(out, func(a, b TimerArm) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// OpenTasks returns the tokens of the run's open tasks, sorted.
func (r *Run) OpenTasks() []string {
	out := r.tasks.tokens()
	slices.Sort(out)
	return out
}

var timerKinds = []string{
	timerWait: "Wait", timerRetry: "Retry", timerTaskTimeout: "TaskTimeout",
	timerHeartbeat: "Heartbeat", timerExecution: "Execution", timerMaxOpen: "MaxOpen",
}

var childStatuses = []string{
	childPending: "PENDING", childRunning: "RUNNING", childSucceeded: "SUCCEEDED",
	childFailed: "FAILED", childAborted: "ABORTED",
}

// Snapshot returns the run's state. It fails only on a broken invariant
// (a timer, task or Map Run that names a frame outside the run's tree).
// Effects not yet taken are not part of it: take them first.
func (r *Run) Snapshot() (RunState, error) {
	st := RunState{
		Execution: r.cfg.Execution, Open: r.open, Outcome: r.outcome,
		Redrives: r.redrives, RedriveTime: r.redriveTime, Deleting: r.deleting,
		NextTimer: r.nextTimer,
	}
	ids := map[*frame]int{}
	if r.top != nil {
		st.Top = snapshotFrame(r.top, ids)
	}
	frameID := func(f *frame, what string) (int, error) {
		id, ok := ids[f]
		if !ok {
			return 0, fmt.Errorf("interp: snapshot: %s refers to a frame outside the run", what)
		}
		return id, nil
	}
	for _, t := range r.Timers() {
		tm, _ := r.timers.Get(t.ID)
		ts := TimerState{ID: t.ID, Kind: timerKinds[tm.kind], Frame: -1, Token: tm.token, At: tm.at}
		if tm.frame != nil {
			id, err := frameID(tm.frame, fmt.Sprintf("timer %d", t.ID))
			if err != nil {
				return RunState{}, err
			}
			ts.Frame = id
		}
		st.Timers = append(st.Timers, ts)
	}
	for _, tok := range r.OpenTasks() {
		t, _ := r.tasks.get(tok)
		id, err := frameID(t.frame, "task "+tok)
		if err != nil {
			return RunState{}, err
		}
		st.Tasks = append(st.Tasks, TaskState{Token: tok, Frame: id, Heartbeat: t.heartbeat,
			Timeout: t.timeout, Beat: t.beat, Submitted: t.submitted})
	}
	arns := r.OpenMapRuns()
	slices.Sort(arns)
	for _, arn := range arns {
		id, err := frameID(r.mapRuns[arn], "Map Run "+arn)
		if err != nil {
			return RunState{}, err
		}
		st.MapRuns = append(st.MapRuns, MapRunWait{ARN: arn, Frame: id})
	}
	return st, nil
}

// enteredTime returns when f's state was entered, or the zero time if it
// has not entered one.
func (f *frame) enteredTime() time.Time {
	if f.entered == 0 {
		return time.Time{}
	}
	return time.Unix(0, f.enteredAt).UTC()
}

// openToken returns the token of f's open task, "" for none.
func (f *frame) openToken() string {
	if t := f.run.tasks.ofFrame(f); t != nil {
		return t.token
	}
	return ""
}

// snapshotFrame records f and, depth first, the frames of its group,
// numbering each in ids.
func snapshotFrame(f *frame, ids map[*frame]int) *FrameState {
	fs := &FrameState{
		ID: len(ids), Input: EncodeValue(f.input), Entered: f.entered, EnteredAt: f.enteredTime(),
		Prev: f.prev, Attempts: slices.Clone(f.attempts), RetryCount: f.retryCount,
		WaitTimer: f.waitTimer, RetryTimer: f.retryTimer, Token: f.openToken(),
		LastError: f.lastError, MapRunARN: f.mapRunARN, MapRunRedrives: f.mapRunRedrives,
	}
	ids[f] = fs.ID
	if f.state != nil {
		fs.State = f.state.Name
	}
	if f.waitOutput != nil || f.waitTimer != 0 {
		fs.WaitOutput = EncodeValue(f.waitOutput)
	}
	if g := f.group; g != nil {
		gs := &GroupState{Kind: g.kind, Queue: slices.Clone(g.queue), Running: g.running,
			Limit: g.limit, Failed: g.failed, Context: EncodeValue(g.ctx)}
		for _, c := range g.children {
			cs := ChildState{Status: childStatuses[c.status], Input: EncodeValue(c.input), Output: EncodeValue(c.output)}
			if c.frame != nil {
				cs.Frame = snapshotFrame(c.frame, ids)
			}
			gs.Children = append(gs.Children, cs)
		}
		fs.Group = gs
	}
	return fs
}

// RestoreRun rebuilds a run from st. cfg supplies what a snapshot cannot
// carry: the parsed definition the run started with, its log (already
// holding the run's events), the random source and the token function;
// cfg.Execution is replaced by st.Execution. The restored run has no
// effects: the engine arms [Run.Timers] itself. A state that does not fit
// the definition is refused with an error.
func RestoreRun(cfg Config, st RunState) (*Run, error) {
	if cfg.Definition == nil || cfg.Log == nil {
		return nil, errors.New("interp: restore: definition and log are required")
	}
	cfg.Execution = st.Execution
	input, err := jsonv.DecodeString(st.Execution.Input)
	if err != nil {
		return nil, fmt.Errorf("interp: restore: execution input: %w", err)
	}
	r := &Run{
		cfg: cfg, log: cfg.Log, input: input, open: st.Open, outcome: st.Outcome,
		redrives: st.Redrives, redriveTime: st.RedriveTime, deleting: st.Deleting,
		nextTimer: st.NextTimer,
		mapRuns:   map[string]*frame{},
	}
	r.names = r.namesOf(cfg.Definition)
	rs := &restorer{r: r}
	if st.Top != nil {
		r.top = &frame{run: r, def: cfg.Definition}
		if err := rs.frame(r.top, st.Top); err != nil {
			return nil, err
		}
	}
	if err := rs.links(st); err != nil {
		return nil, err
	}
	return r, nil
}

type restorer struct {
	r      *Run
	frames []*frame // by FrameState.ID
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("interp: restore: "+format, args...)
}

// frame fills f (whose def, done and failed are set) from fs, and its
// group's children recursively.
func (rs *restorer) frame(f *frame, fs *FrameState) error {
	if fs.ID != len(rs.frames) {
		return corrupt("frame id %d out of order (want %d)", fs.ID, len(rs.frames))
	}
	rs.frames = append(rs.frames, f)
	if fs.State != "" {
		st, ok := f.def.States[fs.State]
		if !ok {
			return corrupt("frame %d: no state %q in its definition", fs.ID, fs.State)
		}
		f.state = st
		if len(fs.Attempts) != len(st.Retry) {
			return corrupt("frame %d: %d retry counters for %d retriers", fs.ID, len(fs.Attempts), len(st.Retry))
		}
	} else if fs.Group != nil || fs.Token != "" || fs.WaitTimer != 0 || fs.RetryTimer != 0 {
		return corrupt("frame %d: waits without a state", fs.ID)
	}
	var err error
	if f.input, err = DecodeValue(fs.Input); err != nil {
		return corrupt("frame %d input: %v", fs.ID, err)
	}
	if f.waitOutput, err = DecodeValue(fs.WaitOutput); err != nil {
		return corrupt("frame %d wait output: %v", fs.ID, err)
	}
	f.entered, f.prev = fs.Entered, fs.Prev
	if !fs.EnteredAt.IsZero() {
		f.enteredAt = fs.EnteredAt.UnixNano()
	}
	f.attempts, f.retryCount = slices.Clone(fs.Attempts), fs.RetryCount
	f.waitTimer, f.retryTimer = fs.WaitTimer, fs.RetryTimer // fs.Token: the task restored with it
	f.lastError, f.mapRunARN, f.mapRunRedrives = fs.LastError, fs.MapRunARN, fs.MapRunRedrives
	if fs.Group != nil {
		return rs.group(f, fs.ID, fs.Group)
	}
	return nil
}

// group rebuilds the group of a Parallel or inline Map frame.
func (rs *restorer) group(f *frame, id int, gs *GroupState) error {
	st := f.state
	if gs.Kind != st.Type || (gs.Kind != asl.TypeParallel && gs.Kind != asl.TypeMap) {
		return corrupt("frame %d: a %s group in a %s state", id, gs.Kind, st.Type)
	}
	if gs.Kind == asl.TypeParallel && len(gs.Children) != len(st.Branches) {
		return corrupt("frame %d: %d children for %d branches", id, len(gs.Children), len(st.Branches))
	}
	if gs.Kind == asl.TypeMap && st.ItemProcessor == nil {
		return corrupt("frame %d: Map state without an ItemProcessor", id)
	}
	ctx, err := DecodeValue(gs.Context)
	if err != nil {
		return corrupt("frame %d group context: %v", id, err)
	}
	g := &group{owner: f, kind: gs.Kind, running: gs.Running, limit: gs.Limit, failed: gs.Failed, ctx: ctx}
	for _, i := range gs.Queue {
		if i < 0 || i >= len(gs.Children) {
			return corrupt("frame %d: queued child %d out of range", id, i)
		}
	}
	g.queue = slices.Clone(gs.Queue)
	f.group = g
	for i, cs := range gs.Children {
		c := &child{index: i, def: st.ItemProcessor}
		if gs.Kind == asl.TypeParallel {
			c.def = st.Branches[i]
		}
		status := slices.Index(childStatuses, cs.Status)
		if status < 0 {
			return corrupt("frame %d child %d: unknown status %q", id, i, cs.Status)
		}
		c.status = childStatus(status)
		if c.input, err = DecodeValue(cs.Input); err != nil {
			return corrupt("frame %d child %d input: %v", id, i, err)
		}
		if c.output, err = DecodeValue(cs.Output); err != nil {
			return corrupt("frame %d child %d output: %v", id, i, err)
		}
		g.children = append(g.children, c)
		if cs.Frame != nil {
			c.frame = rs.r.childFrame(g, c)
			if err := rs.frame(c.frame, cs.Frame); err != nil {
				return err
			}
		}
	}
	return nil
}

// links rebuilds the timer table, the open tasks and the Map Runs waited
// for, which all point into the frame tree.
func (rs *restorer) links(st RunState) error {
	r := rs.r
	frameAt := func(id int, what string) (*frame, error) {
		if id < 0 || id >= len(rs.frames) {
			return nil, corrupt("%s names frame %d of %d", what, id, len(rs.frames))
		}
		return rs.frames[id], nil
	}
	for _, ts := range st.Timers {
		kind := slices.Index(timerKinds, ts.Kind)
		if kind < 0 || ts.ID <= 0 || ts.ID > r.nextTimer || ts.At.IsZero() {
			return corrupt("timer %d: kind %q at %v", ts.ID, ts.Kind, ts.At)
		}
		t := timer{kind: timerKind(kind), token: ts.Token, at: ts.At}
		if ts.Frame >= 0 {
			f, err := frameAt(ts.Frame, fmt.Sprintf("timer %d", ts.ID))
			if err != nil {
				return err
			}
			t.frame = f
		}
		if (t.kind == timerWait || t.kind == timerRetry) && (t.frame == nil || t.frame.state == nil) {
			return corrupt("timer %d: a %s timer needs a frame in a state", ts.ID, ts.Kind)
		}
		r.timers.Set(ts.ID, t)
	}
	for _, ts := range st.Tasks {
		f, err := frameAt(ts.Frame, "task "+ts.Token)
		if err != nil {
			return err
		}
		if f.state == nil || f.state.Type != asl.TypeTask {
			return corrupt("task %s: its frame is not in a Task state", ts.Token)
		}
		if _, dup := r.tasks.get(ts.Token); dup {
			return corrupt("task %s is listed twice", ts.Token)
		}
		r.tasks.add(&task{frame: f, token: ts.Token, res: r.resourceOf(f.state.Resource),
			heartbeat: ts.Heartbeat, timeout: ts.Timeout, beat: ts.Beat, submitted: ts.Submitted})
	}
	for _, w := range st.MapRuns {
		f, err := frameAt(w.Frame, "Map Run "+w.ARN)
		if err != nil {
			return err
		}
		if f.state == nil || f.state.Type != asl.TypeMap {
			return corrupt("Map Run %s: its frame is not in a Map state", w.ARN)
		}
		r.mapRuns[w.ARN] = f
	}
	return nil
}

// EncodeValue encodes a JSON value of the interpreter's representation
// (internal/jsonv) so that [DecodeValue] gives back the same value, types
// included: a float64 with no fraction is written with ".0" so it does not
// come back as an int64. A value of another type is encoded as
// encoding/json would.
func EncodeValue(v any) json.RawMessage {
	var b bytes.Buffer
	encodeValue(&b, v)
	return b.Bytes()
}

func encodeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			b.WriteString("null") // not JSON; the interpreter never holds one
			return
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !bytes.ContainsAny([]byte(s), ".eE") {
			s += ".0"
		}
		b.WriteString(s)
	case string:
		encodeString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeValue(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeString(b, k)
			b.WriteByte(':')
			encodeValue(b, x[k])
		}
		b.WriteByte('}')
	default:
		out, err := json.Marshal(x)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(out)
	}
}

func encodeString(b *bytes.Buffer, s string) {
	out, _ := json.Marshal(s) // a string always encodes
	b.Write(out)
}

// DecodeValue decodes what [EncodeValue] wrote; empty input is nil.
func DecodeValue(data json.RawMessage) (any, error) {
	if len(data) == 0 {
		return nil, nil
	}
	return jsonv.Decode(data)
}
