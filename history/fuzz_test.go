package history_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// FuzzLog appends a sequence of events decoded from the input to two logs,
// one by AppendText (or AppendOwned) and one by Append with the same events
// whole, and checks that both read back alike, with the timestamps a model
// of the log expects: truncated to milliseconds, never before the previous
// event, across any span of time and any number of changes of time (the
// log keeps a time only where it changes). Texts are empty, short, or longer than an arena chunk (kept
// elsewhere by the log). Then it freezes the log, and checks it reads the same (a block of it:
// TestFreezeReadsTheSame reads frozen logs across blocks; 80 events here made a run of
// 50,000 inputs take two minutes, mostly minimizing long inputs).
func FuzzLog(f *testing.F) {
	f.Add([]byte{0, 0, 1, 1, 2, 2, 3, 3})
	f.Add([]byte{0, 3, 5, 0, 1, 3, 200, 0, 2, 3, 255, 9})
	f.Add([]byte{5, 2, 17, 1, 6, 1, 0, 2, 7, 0, 1, 3, 9, 3, 16, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		byText, whole := history.NewLog(0), history.NewLog(0)
		at, last := t0, t0
		var want []time.Time
		for i := 0; i+3 < len(data) && byText.Len() < 24; i += 4 {
			kind, step, size, link := data[i], data[i+1], data[i+2], data[i+3]
			at = advance(at, step, size)
			text := fuzzText(size)
			id := int64(byText.Len()) + 1
			prev := int64(link) % id // 0 or an earlier event
			if gotID := appendBoth(t, byText, whole, kind, prev, at, text); gotID != id {
				t.Fatalf("event %d appended as %d", id, gotID)
			}
			ms := at.Truncate(time.Millisecond)
			if len(want) > 0 && ms.Before(last) {
				ms = last
			}
			last = ms
			want = append(want, ms)
		}
		got := byText.Events()
		if diff := cmp.Diff(whole.Events(), got, sdkOpts); diff != "" {
			t.Fatalf("Events (-Append +AppendText):\n%s", diff)
		}
		for i, e := range got {
			if !e.Timestamp.Equal(want[i]) {
				t.Fatalf("event %d at %v, want %v", e.Id, *e.Timestamp, want[i])
			}
		}
		checkPages(t, byText, got)
		// Frozen, it reads the same, and a page token it gave before
		// still reads on.
		_, token, _ := byText.Page(history.PageRequest{MaxResults: 5})
		byText.Freeze()
		if diff := cmp.Diff(got, byText.Events(), sdkOpts); diff != "" {
			t.Fatalf("Events (-before Freeze +after):\n%s", diff)
		}
		checkPages(t, byText, got)
		if _, _, err := byText.Page(history.PageRequest{MaxResults: 5, NextToken: token}); err != nil {
			t.Fatalf("Page with a token from before Freeze = %v", err)
		}
	})
}

// advance moves at by a step chosen by step: none, a millisecond, less
// than a millisecond, days (past 49, 2^32 ms, at times), or back.
func advance(at time.Time, step, size byte) time.Time {
	switch step % 5 {
	case 1:
		return at.Add(time.Millisecond)
	case 2:
		return at.Add(time.Duration(size) * time.Microsecond)
	case 3:
		return at.Add(time.Duration(size%64) * 24 * time.Hour)
	case 4:
		return at.Add(-time.Duration(size) * time.Second) // the log raises it to the previous event's
	}
	return at
}

// fuzzText is "", a short JSON text, or one longer than an arena chunk.
func fuzzText(size byte) string {
	switch {
	case size == 0:
		return ""
	case size%64 == 63:
		return `"` + strings.Repeat("x", 70<<10+int(size)) + `"`
	}
	return `{"n":"` + strings.Repeat("y", int(size)%40) + `"}`
}

// appendBoth appends one event to each log, and returns its id: kind picks
// AppendText with one of textCases, or AppendOwned of a TaskFailed.
func appendBoth(t *testing.T, byText, whole *history.Log, kind byte, prev int64, at time.Time, text string) int64 {
	t.Helper()
	cases := textCases(text)
	if int(kind)%(len(cases)+1) == len(cases) {
		d := &types.TaskFailedEventDetails{Error: aws.String("E"), Cause: aws.String(text)}
		id, err := byText.AppendOwned(types.HistoryEventTypeTaskFailed, prev, at, d)
		if err != nil {
			t.Fatalf("AppendOwned = %v", err)
		}
		if _, err := whole.Append(types.HistoryEventTypeTaskFailed, prev, at, d); err != nil {
			t.Fatalf("Append = %v", err)
		}
		return id
	}
	tc := cases[int(kind)%(len(cases)+1)]
	id, err := byText.AppendText(tc.typ, prev, at, tc.shared, text)
	if err != nil {
		t.Fatalf("AppendText(%s) = %v", tc.typ, err)
	}
	if _, err := whole.Append(tc.typ, prev, at, tc.want); err != nil {
		t.Fatalf("Append(%s) = %v", tc.typ, err)
	}
	return id
}

// checkPages reads the log in pages of 7, forward and in reverse, and
// checks they hold events' ids and times, in order. (Whole events read
// through pages are compared in text_test.go; comparing them here makes
// each run of the fuzzer many times slower.)
func checkPages(t *testing.T, l *history.Log, events []types.HistoryEvent) {
	t.Helper()
	for _, reverse := range []bool{false, true} {
		n, token := 0, ""
		for {
			page, next, err := l.Page(history.PageRequest{MaxResults: 7, NextToken: token, Reverse: reverse, IncludeExecutionData: true})
			if err != nil {
				t.Fatalf("Page = %v", err)
			}
			for _, e := range page {
				w := events[n]
				if reverse {
					w = events[len(events)-1-n]
				}
				if e.Id != w.Id || e.PreviousEventId != w.PreviousEventId || !e.Timestamp.Equal(*w.Timestamp) || e.Type != w.Type {
					t.Fatalf("page (reverse %v) event %d: %d<%d %s at %v, want %d<%d %s at %v", reverse, n,
						e.Id, e.PreviousEventId, e.Type, *e.Timestamp, w.Id, w.PreviousEventId, w.Type, *w.Timestamp)
				}
				n++
			}
			if next == "" {
				break
			}
			token = next
		}
		if n != len(events) {
			t.Fatalf("pages (reverse %v) held %d events, want %d", reverse, n, len(events))
		}
	}
}
