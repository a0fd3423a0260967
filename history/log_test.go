package history_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

func TestNewLogLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		limit, want int
	}{
		{0, history.DefaultLimit},
		{-5, history.DefaultLimit},
		{1, 1},
		{history.DefaultLimit, 25000},
	}
	for _, tt := range tests {
		l := history.NewLog(tt.limit)
		if got := l.Limit(); got != tt.want {
			t.Errorf("NewLog(%d).Limit() = %d, want %d", tt.limit, got, tt.want)
		}
		if got := l.Len(); got != 0 {
			t.Errorf("NewLog(%d).Len() = %d, want 0", tt.limit, got)
		}
	}
}

func TestAppend(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	berlin := time.FixedZone("CET", 3600)
	started := &types.ExecutionStartedEventDetails{Input: aws.String(`{"a":1}`)}
	steps := []struct {
		typ     types.HistoryEventType
		prev    int64
		at      time.Time
		details any
	}{
		{types.HistoryEventTypeExecutionStarted, 0, t0.Add(123456789 * time.Nanosecond), started},
		// A local time zone, stored as UTC.
		{types.HistoryEventTypePassStateEntered, 1, t0.Add(time.Second).In(berlin), &types.StateEnteredEventDetails{Name: aws.String("P")}},
		// Before the previous event: raised to its timestamp.
		{types.HistoryEventTypeParallelStateStarted, 2, t0, nil},
		// nil for a type with a member stores an empty member.
		{types.HistoryEventTypeExecutionAborted, 0, t0.Add(2 * time.Second), nil},
		// A typed nil for a type without a member is nil.
		{types.HistoryEventTypeMapStateSucceeded, 4, t0.Add(3 * time.Second), (*types.StateEnteredEventDetails)(nil)},
		// A typed nil of the right type stores an empty member.
		{types.HistoryEventTypeMapIterationStarted, 5, t0.Add(3 * time.Second), (*types.MapIterationEventDetails)(nil)},
	}
	for i, s := range steps {
		id, err := l.Append(s.typ, s.prev, s.at, s.details)
		if err != nil || id != int64(i)+1 {
			t.Fatalf("Append(%s) = %d, %v; want %d, nil", s.typ, id, err, i+1)
		}
	}
	// Append stored a copy: changing the caller's struct changes nothing.
	*started.Input = "changed"
	started.RoleArn = aws.String("changed")

	want := []types.HistoryEvent{
		{Id: 1, Type: types.HistoryEventTypeExecutionStarted, Timestamp: aws.Time(t0.Add(123 * time.Millisecond)),
			ExecutionStartedEventDetails: &types.ExecutionStartedEventDetails{Input: aws.String(`{"a":1}`)}},
		{Id: 2, PreviousEventId: 1, Type: types.HistoryEventTypePassStateEntered, Timestamp: aws.Time(t0.Add(time.Second)),
			StateEnteredEventDetails: &types.StateEnteredEventDetails{Name: aws.String("P")}},
		{Id: 3, PreviousEventId: 2, Type: types.HistoryEventTypeParallelStateStarted, Timestamp: aws.Time(t0.Add(time.Second))},
		{Id: 4, Type: types.HistoryEventTypeExecutionAborted, Timestamp: aws.Time(t0.Add(2 * time.Second)),
			ExecutionAbortedEventDetails: &types.ExecutionAbortedEventDetails{}},
		{Id: 5, PreviousEventId: 4, Type: types.HistoryEventTypeMapStateSucceeded, Timestamp: aws.Time(t0.Add(3 * time.Second))},
		{Id: 6, PreviousEventId: 5, Type: types.HistoryEventTypeMapIterationStarted, Timestamp: aws.Time(t0.Add(3 * time.Second)),
			MapIterationStartedEventDetails: &types.MapIterationEventDetails{}},
	}
	if d := diff(want, l.Events()); d != "" {
		t.Errorf("Events() (-want +got):\n%s", d)
	}
	for _, e := range l.Events() {
		if loc := e.Timestamp.Location(); loc != time.UTC {
			t.Errorf("event %d: timestamp location %v, want UTC", e.Id, loc)
		}
	}
	if err := history.Check(l.Events()); err != nil {
		t.Errorf("Check(Events()) = %v", err)
	}
}

func TestAppendRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		typ     types.HistoryEventType
		prev    int64
		at      time.Time
		details any
	}{
		{"unknown type", "TaskExploded", 0, t0, nil},
		{"empty type", "", 0, t0, nil},
		{"wrong details type", types.HistoryEventTypeTaskStateEntered, 0, t0, &types.StateExitedEventDetails{}},
		{"details value not pointer", types.HistoryEventTypeTaskStateEntered, 0, t0, types.StateEnteredEventDetails{}},
		{"typed nil of the wrong type", types.HistoryEventTypeTaskStateEntered, 0, t0, (*types.StateExitedEventDetails)(nil)},
		{"details for a type without", types.HistoryEventTypeParallelStateStarted, 0, t0, &types.StateEnteredEventDetails{}},
		{"map iteration takes MapIterationEventDetails", types.HistoryEventTypeMapIterationStarted, 0, t0, &types.MapStateStartedEventDetails{}},
		{"string details", types.HistoryEventTypeExecutionFailed, 0, t0, "boom"},
		{"previous is self", types.HistoryEventTypeParallelStateStarted, 2, t0, nil},
		{"previous in future", types.HistoryEventTypeParallelStateStarted, 7, t0, nil},
		{"negative previous", types.HistoryEventTypeParallelStateStarted, -1, t0, nil},
		{"zero time", types.HistoryEventTypeParallelStateStarted, 1, time.Time{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := history.NewLog(0)
			appendAll(t, l, seq(ev(types.HistoryEventTypeExecutionStarted, 0, &types.ExecutionStartedEventDetails{}))...)
			id, err := l.Append(tt.typ, tt.prev, tt.at, tt.details)
			if !errors.Is(err, history.ErrInvalidEvent) || id != 0 {
				t.Errorf("Append() = %d, %v; want 0, ErrInvalidEvent", id, err)
			}
			if l.Len() != 1 {
				t.Errorf("Len() = %d after a refused Append, want 1", l.Len())
			}
		})
	}
}

func TestAppendLimit(t *testing.T) {
	t.Parallel()
	l := history.NewLog(2)
	for i := range 2 {
		if _, err := l.Append(types.HistoryEventTypeParallelStateStarted, 0, t0, nil); err != nil {
			t.Fatalf("Append #%d = %v", i+1, err)
		}
	}
	id, err := l.Append(types.HistoryEventTypeParallelStateStarted, 0, t0, nil)
	if !errors.Is(err, history.ErrLimit) || id != 0 {
		t.Errorf("Append past the limit = %d, %v; want 0, ErrLimit", id, err)
	}
	if l.Len() != 2 {
		t.Errorf("Len() = %d, want 2", l.Len())
	}
}

func TestEvent(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	appendAll(t, l, seq(
		ev(types.HistoryEventTypeExecutionStarted, 0, &types.ExecutionStartedEventDetails{}),
		ev(types.HistoryEventTypeParallelStateStarted, 1, nil),
	)...)
	for _, id := range []int64{-1, 0, 3} {
		if e, ok := l.Event(id); ok {
			t.Errorf("Event(%d) = %v, true; want false", id, e)
		}
	}
	e, ok := l.Event(2)
	if !ok || e.Id != 2 || e.Type != types.HistoryEventTypeParallelStateStarted {
		t.Errorf("Event(2) = %+v, %v", e, ok)
	}
}

func TestEventsAppendDoesNotWriteLog(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	for range 3 {
		if _, err := l.Append(types.HistoryEventTypeParallelStateStarted, 0, t0, nil); err != nil {
			t.Fatal(err)
		}
	}
	evs := l.Events()
	if _, err := l.Append(types.HistoryEventTypeParallelStateSucceeded, 0, t0, nil); err != nil {
		t.Fatal(err)
	}
	// With a spare slot in the log's array, this append would land on event 4.
	_ = append(evs, types.HistoryEvent{Id: 99})
	if e, _ := l.Event(4); e.Id != 4 {
		t.Errorf("Event(4).Id = %d, want 4: a caller's append wrote into the log", e.Id)
	}
}
