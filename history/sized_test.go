package history_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// A log sized by a hint holds and reads exactly what an unsized one does,
// whether the history is shorter than the hint, as long, or longer, and
// whatever the hint (0 and less mean none; more than the limit is capped).
func TestNewLogSizedReadsLikeNewLog(t *testing.T) {
	t.Parallel()
	name := new(string)
	*name = "S"
	for _, hint := range []int{-1, 0, 1, 7, 16, 300, 5000} {
		for _, n := range []int{1, 6, 7, 8, 255, 300, 301, 700} {
			t.Run(fmt.Sprintf("hint=%d/events=%d", hint, n), func(t *testing.T) {
				t.Parallel()
				sized, plain := history.NewLogSized(1000, hint), history.NewLog(1000)
				for i := range n {
					for _, l := range []*history.Log{sized, plain} {
						if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(i), t0, name, fmt.Sprint(i)); err != nil {
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
	sized := testing.AllocsPerRun(20, func() { appendAll(history.NewLogSized(0, 200)) })
	plain := testing.AllocsPerRun(20, func() { appendAll(history.NewLog(0)) })
	if plain-sized < 3 {
		t.Errorf("allocations: %v sized for 200, %v unsized; want 3 fewer (one chunk, not four)", sized, plain)
	}
}

// A log sized for its history costs three allocations, whatever it holds
// up to its hint: the Log, its one chunk of entries, and its texts' first
// chunk (64 bytes: the one data text, stored once; the 50 states' names
// are in their machine's Names). The first list of entry chunks is part of
// the Log, and the texts' first chunk needs no list.
func TestSizedLogAllocations(t *testing.T) {
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d", i)
	}
	tbl := history.NewNames(names)
	allocs := testing.AllocsPerRun(20, func() {
		l := history.NewLogSized(0, 2*len(names))
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
