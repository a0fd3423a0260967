package history_test

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// A log keeps its events' times where they change; an execution may stay
// open a year, past 2^32 ms (about 49 days) from its start. Every event
// reads back at its own time, and a time set back is still raised to the
// previous event's.
func TestTimesAcrossEpochs(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	at := []time.Time{
		t0,
		t0.Add(time.Millisecond),
		t0.Add(49 * day),
		t0.Add(50 * day), // past the first base's 2^32 ms
		t0.Add(50 * day), // the same instant again
		t0.Add(40 * day), // set back: raised to the previous
		t0.Add(200 * day),
		t0.Add(364 * day),
		t0.Add(364*day + 1500*time.Millisecond),
	}
	want := []time.Time{at[0], at[1], at[2], at[3], at[4], at[4], at[6], at[7], at[8]}
	l := history.NewLog(0)
	for i, a := range at {
		if _, err := l.Append(types.HistoryEventTypeWaitStateExited, int64(i), a, &types.StateExitedEventDetails{}); err != nil {
			t.Fatalf("Append %d = %v", i, err)
		}
	}
	var got []time.Time
	for _, e := range l.Events() {
		got = append(got, *e.Timestamp)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timestamps (-want +got):\n%s", diff)
	}
	page, _, err := l.Page(history.PageRequest{Reverse: true, MaxResults: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range page {
		if w := want[len(want)-1-i]; !e.Timestamp.Equal(w) {
			t.Errorf("reverse page event %d at %v, want %v", e.Id, *e.Timestamp, w)
		}
	}
}

// previousEventId takes 24 bits in an entry, so a log holds at most
// 16,777,215 events, whatever limit it is given.
func TestLimitIsCapped(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ limit, want int }{
		{0, history.DefaultLimit},
		{-1, history.DefaultLimit},
		{10, 10},
		{1<<24 - 1, 1<<24 - 1},
		{1 << 24, 1<<24 - 1},
		{1 << 40, 1<<24 - 1},
	} {
		if got := history.NewLog(tt.limit).Limit(); got != tt.want {
			t.Errorf("NewLog(%d).Limit() = %d, want %d", tt.limit, got, tt.want)
		}
	}
}

// A log keeps one time for a run of events at the same instant, and finds
// any event's time among many changes, in whatever order events are read:
// forward, backward or at random, as pages and Event do.
func TestTimesReadInAnyOrder(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	var want []time.Time
	at := t0
	for i := range 3000 {
		switch {
		case i%7 == 3, i%11 == 0:
			at = at.Add(time.Duration(i%5+1) * time.Millisecond)
		case i%997 == 500:
			at = at.Add(60 * 24 * time.Hour) // past 2^32 ms
		}
		if _, err := l.Append(types.HistoryEventTypePassStateExited, int64(i), at, &types.StateExitedEventDetails{}); err != nil {
			t.Fatal(err)
		}
		want = append(want, at)
	}
	order := make([]int, len(want))
	for i := range order {
		order[i] = (i * 1237) % len(want) // 1237 is prime to 3000: every index once
	}
	for _, i := range order {
		e, ok := l.Event(int64(i) + 1)
		if !ok || !e.Timestamp.Equal(want[i]) {
			t.Fatalf("event %d at %v, want %v", i+1, e.Timestamp, want[i])
		}
	}
	for _, reverse := range []bool{false, true} {
		var got []time.Time
		var token string
		for {
			page, next, err := l.Page(history.PageRequest{Reverse: reverse, MaxResults: 1000, NextToken: token})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page {
				got = append(got, *e.Timestamp)
			}
			if next == "" {
				break
			}
			token = next
		}
		if reverse {
			slices.Reverse(got)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("reverse %v: timestamps (-want +got):\n%s", reverse, diff)
		}
	}
}

// An append refused after its time was read leaves no trace: the next event
// given the same time reads back at that time, not the one before.
func TestRefusedAppendKeepsNoTime(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	name := "P"
	if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, 0, t0, &name, `{}`); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(time.Second)
	if _, err := l.AppendText(types.HistoryEventTypePassStateExited, 1, later, 42, `{}`); err == nil {
		t.Fatal("AppendText with an int for a name: no error")
	}
	id, err := l.AppendText(types.HistoryEventTypePassStateExited, 1, later, &name, `{}`)
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := l.Event(id); !e.Timestamp.Equal(later) {
		t.Errorf("event %d at %v, want %v", id, *e.Timestamp, later)
	}
}

// A template stored for one type of event is still checked when given for
// another: a TaskScheduled template is no TaskSucceeded one.
func TestSharedTemplateCheckedPerType(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	tmpl := &types.TaskScheduledEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda"), Region: aws.String("us-east-1")}
	if _, err := l.AppendText(types.HistoryEventTypeTaskScheduled, 0, t0, tmpl, `{}`); err != nil {
		t.Fatal(err)
	}
	if _, err := l.AppendText(types.HistoryEventTypeTaskSucceeded, 1, t0, tmpl, `{}`); err == nil {
		t.Error("a TaskScheduled template taken for TaskSucceeded")
	}
	if _, err := l.AppendText(types.HistoryEventTypeTaskScheduled, 1, t0, tmpl, `{"a":1}`); err != nil {
		t.Errorf("the template again for its own type: %v", err)
	}
}
