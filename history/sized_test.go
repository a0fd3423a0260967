package history_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// A log sized by a hint holds and reads exactly what an unsized one does,
// whether the history (its events, its texts) is smaller than the hint, as
// large, or larger, and whatever the hint (0 and less mean none; more than
// the limit, or than a chunk of texts, is capped).
func TestNewLogSizedReadsLikeNewLog(t *testing.T) {
	t.Parallel()
	name := new(string)
	*name = "S"
	for _, hint := range []history.Size{{-1, -1}, {0, 0}, {1, 1}, {7, 20}, {16, 64}, {300, 1500}, {5000, 1 << 20}, {300, 0}, {0, 900}} {
		for _, n := range []int{1, 6, 7, 8, 255, 300, 301, 700} {
			t.Run(fmt.Sprintf("hint=%v/events=%d", hint, n), func(t *testing.T) {
				t.Parallel()
				sized, plain := history.NewLogSized(1000, hint), history.NewLog(1000)
				for i := range n {
					text := strings.Repeat(fmt.Sprint(i), 1+i%9) // texts of 1 to 27 bytes
					for _, l := range []*history.Log{sized, plain} {
						if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, name, text); err != nil {
							t.Fatal(err)
						}
					}
				}
				if diff := cmp.Diff(plain.Events(), sized.Events(), sdkOpts); diff != "" {
					t.Fatalf("Events (-NewLog +NewLogSized):\n%s", diff)
				}
				for _, rev := range []bool{false, true} {
					req := history.PageRequest{MaxResults: 1000, Reverse: rev, IncludeExecutionData: true}
					want, _, _ := plain.Page(req)
					got, _, err := sized.Page(req)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(want, got, sdkOpts); diff != "" {
						t.Fatalf("Page(reverse=%v) (-NewLog +NewLogSized):\n%s", rev, diff)
					}
				}
			})
		}
	}
}

// A history as long as its hint costs the log one chunk of entries, where
// an unsized log of 200 events needs four (16, 32, 64 and 128).
func TestNewLogSizedAllocatesOneChunk(t *testing.T) {
	name := new(string)
	*name = "S"
	appendAll := func(l *history.Log) {
		for i := range 200 {
			if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, name, "{}"); err != nil {
				t.Fatal(err)
			}
		}
	}
	sized := testing.AllocsPerRun(20, func() { appendAll(history.NewLogSized(0, history.Size{Events: 200})) })
	plain := testing.AllocsPerRun(20, func() { appendAll(history.NewLog(0)) })
	if plain-sized < 3 {
		t.Errorf("allocations: %v sized for 200, %v unsized; want 3 fewer (one chunk, not four)", sized, plain)
	}
}

// A log sized for its history costs three allocations, whatever it holds
// up to its hint: the Log, its one chunk of entries, and its texts' first
// chunk (64 bytes: the one data text, stored once; the 50 states' names
// are in their machine's Names). The first list of entry chunks is part of
// the Log, the texts' first chunk needs no list, and the writer is the
// last log's, released to the Spare as an engine does when an execution
// succeeds.
func TestSizedLogAllocations(t *testing.T) {
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d", i)
	}
	tbl := history.NewNames(names)
	var spare history.Spare
	allocs := testing.AllocsPerRun(20, func() {
		l := spare.NewLog(0, history.Size{Events: 2 * len(names)})
		defer l.Release(&spare)
		prev := int64(0)
		for i := range names {
			id, err := l.AppendText(types.HistoryEventTypePassStateEntered, prev, t0, tbl.At(i), `{"k":"v"}`)
			if err != nil {
				t.Fatal(err)
			}
			if prev, err = l.AppendText(types.HistoryEventTypePassStateExited, id, t0, tbl.At(i), `{"k":"v"}`); err != nil {
				t.Fatal(err)
			}
		}
	})
	if allocs != 3 {
		t.Errorf("%v allocations for 100 events, want 3", allocs)
	}
}

// A log sized by the Size of the history before it, whose texts took six
// chunks (2 KiB of them), takes the three allocations of a short one: the
// Log, one chunk of entries and one of texts, exactly as large as they are
// (and the writer the log before it released).
func TestLogSizedByTheLastOne(t *testing.T) {
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d", i)
	}
	tbl := history.NewNames(names)
	fill := func(l *history.Log) {
		prev := int64(0)
		for i := range names {
			id, err := l.AppendText(types.HistoryEventTypePassStateEntered, prev, t0, tbl.At(i), fmt.Sprintf(`{"k":"v","step":%d}`, i))
			if err != nil {
				t.Fatal(err)
			}
			if prev, err = l.AppendText(types.HistoryEventTypePassStateExited, id, t0, tbl.At(i), fmt.Sprintf(`{"k":"v","step":%d,"r":{"ok":true}}`, i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	last := history.NewLog(0)
	fill(last)
	size := last.Size()
	if size.Events != 100 || size.TextBytes < 2500 {
		t.Fatalf("Size() = %+v, want 100 events and 2,500 bytes of texts or more", size)
	}
	texts := make([]string, 100) // made before, so that only the log's allocations are counted
	for i := range 50 {
		texts[2*i], texts[2*i+1] = fmt.Sprintf(`{"k":"v","step":%d}`, i), fmt.Sprintf(`{"k":"v","step":%d,"r":{"ok":true}}`, i)
	}
	var spare history.Spare
	allocs := testing.AllocsPerRun(20, func() {
		l := spare.NewLog(0, size)
		defer l.Release(&spare)
		prev := int64(0)
		for i := range names {
			id, _ := l.AppendText(types.HistoryEventTypePassStateEntered, prev, t0, tbl.At(i), texts[2*i])
			prev, _ = l.AppendText(types.HistoryEventTypePassStateExited, id, t0, tbl.At(i), texts[2*i+1])
		}
		if got := l.Size(); got.Events != size.Events || got.TextBytes > size.TextBytes {
			t.Fatalf("Size() = %+v, want the last log's %+v (its texts skipped the ends of chunks)", got, size)
		}
	})
	if allocs != 3 {
		t.Errorf("%v allocations, want 3", allocs)
	}
}
