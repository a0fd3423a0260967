package history

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Two logs whose first events are identical refuse each other's tokens once
// each is bound to its own scope.
func TestBindSeparatesTwins(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	mk := func(scope string) *Log {
		l := NewLog(0)
		for i := 0; i < 5; i++ {
			if _, err := l.Append(types.HistoryEventTypeExecutionStarted, 0, at, &types.ExecutionStartedEventDetails{}); err != nil && i == 0 {
				t.Fatal(err)
			}
		}
		l.Bind(scope)
		return l
	}
	a, b := mk("arn:a"), mk("arn:b")
	_, tok, err := a.Page(PageRequest{MaxResults: 2})
	if err != nil || tok == "" {
		t.Fatalf("Page = %q, %v", tok, err)
	}
	if _, _, err := a.Page(PageRequest{MaxResults: 2, NextToken: tok}); err != nil {
		t.Errorf("own token refused: %v", err)
	}
	if _, _, err := b.Page(PageRequest{MaxResults: 2, NextToken: tok}); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("twin's token: err = %v, want ErrInvalidToken", err)
	}
}

// A log bound before its first event issues the same tokens as one bound
// after (the engine binds a Map Run child's log first, an execution's log
// after it starts), and a token read before the first event was appended
// does not stick.
func TestBindBeforeOrAfterTheFirstEvent(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	fill := func(l *Log) {
		for i := 0; i < 5; i++ {
			if _, err := l.Append(types.HistoryEventTypePassStateEntered, int64(i), at, &types.StateEnteredEventDetails{}); err != nil {
				t.Fatal(err)
			}
		}
	}
	before, after := NewLog(0), NewLog(0)
	before.Bind("arn:x")
	if _, _, err := before.Page(PageRequest{}); err != nil { // asks for the key of an empty log
		t.Fatal(err)
	}
	fill(before)
	fill(after)
	after.Bind("arn:x")
	_, tokBefore, err := before.Page(PageRequest{MaxResults: 2})
	if err != nil {
		t.Fatal(err)
	}
	_, tokAfter, err := after.Page(PageRequest{MaxResults: 2})
	if err != nil {
		t.Fatal(err)
	}
	if tokBefore != tokAfter {
		t.Errorf("tokens differ: bound before %q, after %q", tokBefore, tokAfter)
	}
	if _, _, err := after.Page(PageRequest{MaxResults: 2, NextToken: tokBefore}); err != nil {
		t.Errorf("the other log's token refused: %v", err)
	}
}

// Events past the first chunks (the log stores them in fixed-size chunks)
// read back in order with their links and times.
func TestLogAcrossChunks(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	l := NewLog(0)
	const n = 3*(1<<chunkBits) + 17
	for i := 0; i < n; i++ {
		if _, err := l.Append(types.HistoryEventTypePassStateEntered, int64(i), at.Add(time.Duration(i)*time.Millisecond),
			&types.StateEnteredEventDetails{}); err != nil {
			t.Fatal(err)
		}
	}
	if l.Len() != n {
		t.Fatalf("Len = %d, want %d", l.Len(), n)
	}
	for id := int64(1); id <= n; id++ { // every chunk boundary included
		e, ok := l.Event(id)
		if !ok || e.Id != id || e.PreviousEventId != id-1 || !e.Timestamp.Equal(at.Add(time.Duration(id-1)*time.Millisecond)) {
			t.Errorf("Event(%d) = %+v, %v", id, e, ok)
		}
	}
	if err := Check(l.Events()); err != nil {
		t.Error(err)
	}
}
