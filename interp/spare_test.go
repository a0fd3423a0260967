package interp

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// spareRun starts def on a new log, with spare as Config.Spare, and
// completes each task it opens until the run closes.
func spareRun(t *testing.T, def string, spare *Run) *Run {
	t.Helper()
	d, err := asl.Parse(def)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Definition: d, Log: history.NewLog(0), Rand: snapRand{}, Spare: spare,
		Execution: Execution{ARN: "arn:aws:states:us-east-1:123456789012:execution:m:x", Name: "x", Input: `{"n":1}`, StartTime: snapT0},
		Tokens:    TokenFunc(func(id int64) string { return "tok-" + string(rune('a'+id)) }),
	}
	r, err := Start(cfg, snapT0)
	if err != nil {
		t.Fatal(err)
	}
	for r.Open() {
		r.TakeEffects()
		tokens := r.OpenTasks()
		if len(tokens) == 0 {
			t.Fatalf("run open with no task")
		}
		for _, tok := range tokens {
			if err := r.Succeed(tok, `{"ok":true}`, snapT0); err != nil {
				t.Fatal(err)
			}
		}
	}
	r.TakeEffects()
	return r
}

// A run started on the memory of a run that succeeded (Config.Spare) is
// that run, and runs exactly as a run of its own: its history and outcome
// are the same. A spare still open is left alone.
func TestRunOnASpare(t *testing.T) {
	t.Parallel()
	const task = `"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f"`
	first := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{` + task + `,"End":true}}},
		{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Next":"T"},"T":{` + task + `,"End":true}}}`
	second := `{"StartAt":"W","States":{"W":{"Type":"Pass","Result":{"items":[1,2,3]},"ResultPath":"$","Next":"M"},
		"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"I","States":{"I":{` + task + `,"End":true}}},
		"ItemSelector":{"v.$":"$$.Map.Item.Value"},"Next":"T"},"T":{` + task + `,"End":true}}}`
	spare := spareRun(t, first, nil)
	if spare.Outcome().Status != types.ExecutionStatusSucceeded || spare.spareTop == nil {
		t.Fatalf("first run: %s, top frame kept %v", spare.Outcome().Status, spare.spareTop != nil)
	}
	top, kept := spare.spareTop, spare.spareTask
	if kept == nil || !spare.spareFree || !reflect.ValueOf(*kept).IsZero() {
		t.Fatalf("first run: its last task's memory %+v, want kept and emptied", kept)
	}
	reused := spareRun(t, second, spare)
	own := spareRun(t, second, nil)
	if own.Outcome().Status != types.ExecutionStatusSucceeded || len(own.log.Events()) < 15 {
		t.Fatalf("second machine: %s after %d events, want SUCCEEDED after a Map of 3", own.Outcome().Status, len(own.log.Events()))
	}
	if reused != spare || reused.spareTop != top {
		t.Errorf("the run on a spare is another run (%v), or another top frame (%p, want %p)", reused != spare, reused.spareTop, top)
	}
	again := spareRun(t, first, spareRun(t, first, nil))
	if again.spareTask == nil {
		t.Errorf("a run of tasks one after the other on a spare kept no task")
	} else if k := again.spareTask; spareRun(t, first, again).spareTask != k {
		t.Errorf("a run of tasks one after the other on a spare took another task's memory (%p, want %p)", again.spareTask, k)
	}
	if e := again.effects; cap(e.Calls) == 0 || cap(e.Timers) == 0 || len(e.Calls)+len(e.Timers) != 0 {
		t.Errorf("a succeeded run kept its effects' memory: calls %d/%d, timers %d/%d, want emptied and kept", len(e.Calls), cap(e.Calls), len(e.Timers), cap(e.Timers))
	} else if calls := unsafe.SliceData(e.Calls); unsafe.SliceData(spareRun(t, first, again).effects.Calls) != calls {
		t.Errorf("the run on a spare took new memory for its effects")
	}
	if d := cmp.Diff(own.log.Events(), reused.log.Events(), sdkcmp.Options); d != "" {
		t.Errorf("history on a spare (-own +spare):\n%s", d)
	}
	if d := cmp.Diff(own.Outcome(), reused.Outcome()); d != "" {
		t.Errorf("outcome on a spare (-own +spare):\n%s", d)
	}

	open := spareRun(t, first, nil)
	open.open = true // as if it still ran
	if r := spareRun(t, first, open); r == open {
		t.Errorf("a spare still open was taken")
	}
}
