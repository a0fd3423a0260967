package interp

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
)

var snapT0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

type snapRand struct{}

func (snapRand) Int64N(n int64) int64 { return n / 2 }
func (snapRand) UUID() string         { return "00000000-0000-4000-8000-000000000000" }

// EncodeValue and DecodeValue keep a value's types: a float64 with no
// fraction stays a float64, an int64 past 2^53 stays exact.
func TestEncodeValueRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		v    any
	}{
		{"null", nil},
		{"bool", true},
		{"int64", int64(-7)},
		{"large int64", int64(math.MaxInt64)},
		{"whole float64", float64(3)},
		{"negative zero", math.Copysign(0, -1)},
		{"fraction", 2.5},
		{"exponent", 1e21},
		{"tiny", 5e-324},
		{"string", "<a&b> \"q\" \u2028"},
		{"array", []any{int64(1), float64(1), "1", nil}},
		{"object", map[string]any{"b": map[string]any{"c": []any{}}, "a": float64(10)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := EncodeValue(tt.v)
			got, err := DecodeValue(raw)
			if err != nil {
				t.Fatalf("DecodeValue(%s) = %v", raw, err)
			}
			if diff := cmp.Diff(tt.v, got); diff != "" {
				t.Errorf("round trip through %s (-want +got):\n%s", raw, diff)
			}
			if math.Signbit(asFloat(tt.v)) != math.Signbit(asFloat(got)) {
				t.Errorf("round trip through %s lost the sign of zero", raw)
			}
		})
	}
}

func asFloat(v any) float64 {
	f, _ := v.(float64)
	return f
}

const snapParallelWait = `{"StartAt":"Both","States":{"Both":{"Type":"Parallel","Next":"Call","Branches":[
	{"StartAt":"Quick","States":{"Quick":{"Type":"Pass","Result":1.0,"End":true}}},
	{"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":60,"End":true}}}]},
	"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","HeartbeatSeconds":5,
	  "Retry":[{"ErrorEquals":["X"]}],"End":true}}}`

func snapStart(t *testing.T, def string) (*Run, Config) {
	t.Helper()
	d, err := asl.Parse(def)
	if err != nil {
		t.Fatalf("asl.Parse = %v", err)
	}
	cfg := Config{
		Definition: d, Log: history.NewLog(0), Rand: snapRand{},
		Execution: Execution{ARN: "arn:aws:states:us-east-1:123456789012:execution:m:x", Name: "x",
			Input: `{"n":1}`, StartTime: snapT0},
		Tokens: TokenFunc(func(id int64) string { return "tok-" + string(rune('a'+id)) }),
	}
	r, err := Start(cfg, snapT0)
	if err != nil {
		t.Fatalf("Start = %v", err)
	}
	r.TakeEffects()
	return r, cfg
}

// snapRestore restores st into a run over a copy of log.
func snapRestore(t *testing.T, cfg Config, log *history.Log, st RunState) (*Run, error) {
	t.Helper()
	cfg.Log = history.NewLog(0)
	for _, ev := range log.Events() {
		if _, err := cfg.Log.Append(ev.Type, ev.PreviousEventId, *ev.Timestamp, history.Details(ev)); err != nil {
			t.Fatalf("copying the log: %v", err)
		}
	}
	cfg.Execution = Execution{}
	return RestoreRun(cfg, st)
}

// A restored run snapshots exactly like the run it came from, and goes on
// the same way: the wait fires, the task is called with the same token.
func TestRestoreRunRoundTrip(t *testing.T) {
	t.Parallel()
	r, cfg := snapStart(t, snapParallelWait)
	st, err := r.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	got, err := snapRestore(t, cfg, cfg.Log, st)
	if err != nil {
		t.Fatalf("RestoreRun = %v", err)
	}
	again, err := got.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot(restored) = %v", err)
	}
	if diff := cmp.Diff(st, again); diff != "" {
		t.Fatalf("restored run's state (-original +restored):\n%s", diff)
	}
	if diff := cmp.Diff(r.Timers(), got.Timers()); diff != "" {
		t.Fatalf("Timers (-original +restored):\n%s", diff)
	}
	for _, run := range []*Run{r, got} {
		for _, tm := range run.Timers() {
			if tm.At.Equal(snapT0.Add(time.Minute)) {
				run.Fire(tm.ID, tm.At)
			}
		}
	}
	if diff := cmp.Diff(r.TakeEffects(), got.TakeEffects()); diff != "" {
		t.Errorf("effects after the wait (-original +restored):\n%s", diff)
	}
	if diff := cmp.Diff(r.OpenTasks(), got.OpenTasks()); diff != "" || len(got.OpenTasks()) != 1 {
		t.Errorf("open tasks (-original +restored):\n%s", diff)
	}
}

// A state that does not fit the definition is refused with an error,
// never a panic.
func TestRestoreRunRefusesBadState(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(st *RunState)
	}{
		{"unknown state", func(st *RunState) { st.Top.State = "Nowhere" }},
		{"retry counters", func(st *RunState) { st.Top.Attempts = []int{1, 2} }},
		{"frame order", func(st *RunState) { st.Top.Group.Children[1].Frame.ID = 9 }},
		{"branch count", func(st *RunState) { st.Top.Group.Children = st.Top.Group.Children[:1] }},
		{"child status", func(st *RunState) { st.Top.Group.Children[0].Status = "DONE" }},
		{"queue", func(st *RunState) { st.Top.Group.Queue = []int{5} }},
		{"group kind", func(st *RunState) { st.Top.Group.Kind = asl.TypeMap }},
		{"input", func(st *RunState) { st.Top.Input = json.RawMessage(`{`) }},
		{"execution input", func(st *RunState) { st.Execution.Input = `nope` }},
		{"timer frame", func(st *RunState) { st.Timers[len(st.Timers)-1].Frame = 40 }},
		{"timer kind", func(st *RunState) { st.Timers[0].Kind = "Alarm" }},
		{"timer id", func(st *RunState) { st.Timers[0].ID = st.NextTimer + 1 }},
		{"wait timer without a frame", func(st *RunState) { st.Timers[len(st.Timers)-1].Frame = -1 }},
		{"task frame", func(st *RunState) {
			st.Tasks = []TaskState{{Token: "t", Frame: 0}}
		}},
		{"map run frame", func(st *RunState) {
			st.MapRuns = []MapRunWait{{ARN: "m", Frame: 0}}
		}},
		{"waiting frame without a state", func(st *RunState) {
			st.Top.Group.Children[1].Frame.State = ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, cfg := snapStart(t, snapParallelWait)
			st, err := r.Snapshot()
			if err != nil {
				t.Fatalf("Snapshot = %v", err)
			}
			tt.mutate(&st)
			if got, err := snapRestore(t, cfg, cfg.Log, st); err == nil {
				t.Fatalf("RestoreRun = %v, nil; want an error", got)
			}
		})
	}
}

// Every field of the interpreter's state is either carried by Snapshot or
// deliberately left out. A field added later fails this test until
// snapshot.go decides what to do with it.
func TestSnapshotCoversEveryField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v      any
		fields []string
	}{
		// cfg comes from the engine; log is rebuilt from the events;
		// execCtx, resources, lastResource, names and spareTask (with spareFree) are caches rebuilt on use; effects are
		// taken by the engine before every snapshot, and with them the deferred timers; spareTop is
		// memory, empty, for another run (Config.Spare).
		{Run{}, []string{"cfg", "log", "input", "top", "open", "outcome", "redrives", "redriveTime", "deleting", "spareTask", "spareFree", "spareTop", "lastResource", "stepping",
			"execCtx", "execCtxRedrives", "nextTimer", "timers", "deferred", "nDeferred", "tasks", "mapRuns", "resources", "names", "effects"}},
		// run, def, done and failed follow from the frame's place in the
		// tree; next, nextNamed and hasNext are transient; inText and inKnown are a cache of a known text (empty after a
		// restore only means the next exit encodes its output).
		{frame{}, []string{"run", "def", "state", "input", "entered", "enteredAt", "prev", "attempts", "retryCount",
			"waitTimer", "waitOutput", "retryTimer", "group", "lastError", "next", "nextNamed", "hasNext", "inText", "inKnown", "mapRunARN", "mapRunRedrives",
			"done", "failed"}},
		// owner is the frame holding the group.
		{group{}, []string{"owner", "kind", "children", "queue", "running", "limit", "failed", "ctx"}},
		// index and def follow from the child's position in its group.
		{child{}, []string{"index", "def", "input", "frame", "status", "output"}},
		// res is parsed again from the Task state's Resource; of call,
		// only the Token is carried: the engine calls handlers only for
		// tasks scheduled since it started, and a restored task waits for
		// SendTask* or its timers (so its id, by which the engine asks for
		// a call, is 0).
		{task{}, []string{"frame", "token", "id", "res", "heartbeat", "timeout", "beat", "submitted", "inputFromFrame", "input", "inputValue"}},
		{timer{}, []string{"kind", "frame", "token", "at"}},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.v)
		for i := 0; i < typ.NumField(); i++ {
			if name := typ.Field(i).Name; !slices.Contains(tt.fields, name) {
				t.Errorf("%s.%s is new: decide whether Run.Snapshot and RestoreRun carry it (interp/snapshot.go)", typ.Name(), name)
			}
		}
	}
}
