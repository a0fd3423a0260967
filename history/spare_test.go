package history_test

import (
	"fmt"
	"testing"

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
	// With the spare: the packed words of the frozen log, no chunk for the
	// new one; without: the chunk.
	if with, without := cost(true), cost(false); with != without {
		t.Errorf("a log costs %v allocations with a spare chunk (its frozen log's packing included), %v without: want as many", with, without)
	}
}
