package history

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// A frozen 50-Task history (each Task: Entered, Scheduled, Started,
// Succeeded and Exited, their names a machine's) packs its 252 entries of 8
// bytes into under half a byte each, its block table included (in each
// block of 64, the first Task's codes, and one copy of them for the
// rest), in one allocation; its chunks are dropped.
func TestFrozenHistoryIsSmall(t *testing.T) { // not parallel: AllocsPerRun counts the process's allocations
	logs := make([]*Log, 12)
	for i := range logs {
		logs[i] = frozenTaskHistory(t)
	}
	l := logs[0]
	if l.Len() != 252 {
		t.Fatalf("%d events, want 252", l.Len())
	}
	next := 0
	allocs := testing.AllocsPerRun(10, func() { // each run freezes another of the same history
		logs[next].Freeze()
		next++
	})
	if got := len(l.packed()); got >= l.Len()/2 || allocs != 1 || l.chunks != nil {
		t.Errorf("frozen: %d bytes (want under %d), %v allocations (want 1), chunks dropped %v", got, l.Len()/2, allocs, l.chunks == nil)
	}
}

// frozenTaskHistory returns the history of a 50-Task execution.
func frozenTaskHistory(t *testing.T) *Log {
	t.Helper()
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("T%02d", i)
	}
	tbl := NewNames(names)
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	sched := &types.TaskScheduledEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda"), Region: aws.String("us-east-1")}
	started := &types.TaskStartedEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	done := &types.TaskSucceededEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	l := NewLog(0)
	must := func(_ int64, err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(l.AppendText(types.HistoryEventTypeExecutionStarted, 0, at, &types.ExecutionStartedEventDetails{RoleArn: aws.String("r")}, `{"k":"v"}`))
	prev, input := int64(0), `{"k":"v"}`
	for i := range names { // each state's input the output of the one before, as the engine runs them
		id, _ := l.AppendText(types.HistoryEventTypeTaskStateEntered, prev, at, tbl.At(i), input)
		must(l.AppendText(types.HistoryEventTypeTaskScheduled, id, at, sched, input))
		input = `{"ok":true}`
		must(l.AppendOwned(types.HistoryEventTypeTaskStarted, id+1, at, started)) // shared, as the engine appends it
		must(l.AppendText(types.HistoryEventTypeTaskSucceeded, id+2, at, done, `{"ok":true}`))
		prev, _ = l.AppendText(types.HistoryEventTypeTaskStateExited, id+3, at, tbl.At(i), `{"ok":true}`)
	}
	must(l.AppendText(types.HistoryEventTypeExecutionSucceeded, prev, at, &types.ExecutionSucceededEventDetails{}, `{"ok":true}`))
	return l
}

// A history too long to pack on the stack is measured, then packed
// straight into its memory: one allocation as well, of exactly its size.
func TestFreezingALongHistoryAllocatesOnce(t *testing.T) { // not parallel: AllocsPerRun counts the process's allocations
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	name := aws.String("P")
	logs := make([]*Log, 12)
	for i := range logs {
		l := NewLog(0)
		for j := range 2000 {
			if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(j), at, name, fmt.Sprint(j/2)); err != nil {
				t.Fatal(err)
			}
		}
		logs[i] = l
	}
	next := 0
	allocs := testing.AllocsPerRun(10, func() {
		logs[next].Freeze()
		next++
	})
	if allocs != 1 || logs[0].chunks != nil || len(logs[0].packed()) > 3*2000+256 {
		t.Errorf("%v allocations (want 1), chunks dropped %v, %d bytes (want 3 an event and the table, at most 6,256)",
			allocs, logs[0].chunks == nil, len(logs[0].packed()))
	}
}

// A spare chunk is taken only by a log it fits, and not by one it would
// hold more than twice the room for.
func TestSpareChunkFits(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		hint int
		want bool
	}{{100, true}, {60, true}, {50, true}, {49, false}, {101, false}, {0, false}} {
		var spare Spare
		l := spare.NewLog(0, Size{Events: 100})
		if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, 0, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), new(string), "{}"); err != nil {
			t.Fatal(err)
		}
		l.FreezeInto(&spare)
		spare.NewLog(0, Size{Events: tt.hint})
		if taken := spare.chunk == nil; taken != tt.want {
			t.Errorf("hint %d: chunk of 100 taken %v, want %v", tt.hint, taken, tt.want)
		}
	}
}

// Histories that repeat themselves with every period from 1 to 70 (a
// copy's reach is its block, 64 entries), some broken every few events
// and some not, read the same frozen, event by event, in order and out of
// it; unbroken ones of a period under 60 pack into under a byte an event.
// (Each state's input is the output the one before exited with, and each
// output a new text, as the engine stores them.)
func TestFreezeCopiesRuns(t *testing.T) {
	t.Parallel()
	names := make([]string, 600)
	for i := range names {
		names[i] = fmt.Sprintf("S%03d", i)
	}
	tbl := NewNames(names)
	at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	started := &types.TaskStartedEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	for period := 1; period <= 70; period++ {
		for _, breakEvery := range []int{0, 7, 61} {
			l := NewLog(0)
			prev, out := int64(0), `{"k":"v"}`
			for i := range 600 {
				var err error
				switch step := i % period; {
				case breakEvery > 0 && i%breakEvery == breakEvery-1:
					prev, err = l.AppendText(types.HistoryEventTypePassStateExited, prev, at.Add(time.Duration(i)*time.Second), tbl.At(i), fmt.Sprint(i))
				case step%3 == 0:
					prev, err = l.AppendText(types.HistoryEventTypePassStateEntered, prev, at, tbl.At(i/period), out) // its input, the last output
				case step%3 == 1:
					prev, err = l.AppendOwned(types.HistoryEventTypeTaskStarted, prev, at, started)
				default:
					out = fmt.Sprintf(`{"step":%d}`, step) // a new string each time (a one-byte one would not be)
					prev, err = l.AppendText(types.HistoryEventTypeTaskStateExited, prev/2, at, tbl.At(i/period), out)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			want := l.Events()
			l.Freeze()
			if got := l.Events(); !reflect.DeepEqual(got, want) {
				for i := range want {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("period %d, broken every %d: event %d reads %+v, want %+v", period, breakEvery, i+1, got[i], want[i])
					}
				}
			}
			for _, i := range []int{599, 0, 300, 64, 63, 128, 1} {
				if got := l.event(i); !reflect.DeepEqual(got, want[i]) {
					t.Fatalf("period %d, broken every %d: event %d alone reads %+v, want %+v", period, breakEvery, i+1, got, want[i])
				}
			}
			if size := len(l.packed()); breakEvery == 0 && period < 60 && size >= l.Len() {
				t.Errorf("period %d: %d bytes for %d events, want under one an event", period, size, l.Len())
			}
		}
	}
}

// BenchmarkFreeze50Task freezes the history of a 50-Task execution (252
// events), as an engine does for each succeeded execution once it keeps
// many: the cost a kept execution pays for its history's packing.
func BenchmarkFreeze50Task(b *testing.B) {
	t := &testing.T{}
	logs := make([]*Log, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		if len(logs) == 0 {
			b.StopTimer()
			for range cap(logs) {
				logs = append(logs, frozenTaskHistory(t))
			}
			b.StartTimer()
		}
		logs[len(logs)-1].Freeze()
		logs = logs[:len(logs)-1]
	}
}
