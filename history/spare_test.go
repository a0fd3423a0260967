package history_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// A log frozen into a Spare gives it its first chunk of entries, which the
// next log of about its size takes: that log allocates no chunk (the
// freezing allocates the packed words instead, so the count is even), and
// both read exactly as logs that never shared a chunk, though the second
// wrote over the first's entries.
func TestSpareChunkIsReused(t *testing.T) {
	names := history.NewNames([]string{"A", "B"})
	fill := func(l *history.Log, n, salt int) {
		t.Helper()
		for i := range n {
			if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, names.At((i+salt)%2), fmt.Sprint(i*salt)); err != nil {
				t.Fatal(err)
			}
		}
	}
	plain := func(n, salt int) []types.HistoryEvent {
		l := history.NewLog(0)
		fill(l, n, salt)
		return l.Events()
	}
	var spare history.Spare
	first := spare.NewLog(0, history.Size{Events: 100})
	fill(first, 100, 1)
	first.FreezeInto(&spare)
	second := spare.NewLog(0, history.Size{Events: 100})
	fill(second, 120, 2) // past the chunk: a second chunk of its own
	if d := diff(plain(100, 1), first.Events()); d != "" {
		t.Errorf("the frozen log (-want +got):\n%s", d)
	}
	if d := diff(plain(120, 2), second.Events()); d != "" {
		t.Errorf("the log on the spare chunk (-want +got):\n%s", d)
	}

	texts := make([]string, 100)
	for i := range texts {
		texts[i] = fmt.Sprint(i)
	}
	cost := func(take bool) float64 {
		var frozen []*history.Log // made before: only the second log's allocations are counted
		for range 21 {
			l := history.NewLogSized(0, history.Size{Events: 100})
			for i := range 100 {
				if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, names.At(i%2), texts[i]); err != nil {
					t.Fatal(err)
				}
			}
			frozen = append(frozen, l)
		}
		return testing.AllocsPerRun(20, func() {
			var s history.Spare
			if take {
				frozen[0].FreezeInto(&s)
				frozen = frozen[1:]
			}
			l := s.NewLog(0, history.Size{Events: 100})
			for i := range 100 {
				if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, names.At(i%2), texts[i]); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	// With the spare: the packed words of the frozen log, and no chunk or
	// writer for the new one; without: the chunk and the writer.
	if with, without := cost(true), cost(false); with != without-1 {
		t.Errorf("a log costs %v allocations with a spare chunk and writer (its frozen log's packing included), %v without: want one fewer", with, without)
	}
}

// A log released into a Spare reads as before and may still be appended
// to; the next log takes its writer emptied: the same text and the same
// shared details, stored by the first log, are stored again by the
// second, which never names the first's (a writer that remembered them
// would make the second log read another event's text and details).
func TestReleasedWriterIsEmptied(t *testing.T) {
	tmpl := &types.TaskStartedEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	text := `{"same":"text"}`
	appendPair := func(l *history.Log, prev int64) int64 {
		t.Helper()
		id, err := l.AppendText(types.HistoryEventTypePassStateExited, prev, t0, aws.String("S"), text)
		if err != nil {
			t.Fatal(err)
		}
		if id, err = l.AppendOwned(types.HistoryEventTypeTaskStarted, id, t0, tmpl); err != nil {
			t.Fatal(err)
		}
		return id
	}
	var spare history.Spare
	first := spare.NewLog(0, history.Size{})
	appendPair(first, 0)
	want := first.Events()
	first.Release(&spare)
	if d := diff(want, first.Events()); d != "" {
		t.Errorf("the released log (-before +after):\n%s", d)
	}

	second := spare.NewLog(0, history.Size{})
	other := &types.TaskStartedEventDetails{Resource: aws.String("other"), ResourceType: aws.String("lambda")}
	if _, err := second.AppendText(types.HistoryEventTypePassStateEntered, 0, t0, aws.String("S"), `{"another":"text"}`); err != nil {
		t.Fatal(err)
	}
	if _, err := second.AppendOwned(types.HistoryEventTypeTaskStarted, 1, t0, other); err != nil {
		t.Fatal(err)
	}
	appendPair(second, 2)
	got := second.Events()[2:]
	for i := range got {
		got[i].Id, got[i].PreviousEventId = want[i].Id, want[i].PreviousEventId
	}
	if d := diff(want, got); d != "" {
		t.Errorf("the second log's same events (-want +got):\n%s", d)
	}

	appendPair(first, 2) // released, not frozen: it takes appends again
	if got := first.Events(); len(got) != 4 || *got[2].StateExitedEventDetails.Output != text || *got[3].TaskStartedEventDetails.Resource != "invoke" {
		t.Errorf("the released log appended to again reads %+v", got)
	}
}

// A log on a released writer costs one allocation fewer: an engine's
// execution that succeeds gives its log's writer to the next one.
func TestReleasedWriterIsReused(t *testing.T) {
	cost := func(release bool) float64 {
		var spare history.Spare
		return testing.AllocsPerRun(50, func() {
			l := spare.NewLog(0, history.Size{})
			if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, 0, t0, aws.String("S"), `{}`); err != nil {
				t.Fatal(err)
			}
			if release {
				l.Release(&spare)
			}
		})
	}
	if with, without := cost(true), cost(false); with != without-1 {
		t.Errorf("a log costs %v allocations on a released writer, %v on its own: want one fewer", with, without)
	}
}
