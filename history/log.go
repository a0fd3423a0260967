package history

import (
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// DefaultLimit is the Step Functions hard quota on events in one execution's
// history (spec 1.2 item 6, DG-Quotas).
const DefaultLimit = 25000

// ErrLimit is returned by Append when the log already holds its limit.
var ErrLimit = errors.New("history: event limit reached")

// ErrInvalidToken is returned by Page for a token it did not issue for this
// log and these arguments.
var ErrInvalidToken = errors.New("history: invalid pagination token")

// ErrInvalidEvent is wrapped by the errors Append returns for an event it
// refuses: an unknown type, a details value of the wrong type, a
// previousEventId that names no earlier event, or a zero timestamp.
var ErrInvalidEvent = errors.New("history: invalid event")

// Precision is the resolution of event timestamps: Append truncates to it,
// as AWS reports history timestamps in milliseconds (API-HistEvent).
const Precision = time.Millisecond

// Log is one execution's history. Events are immutable once appended.
// A Log is not safe for concurrent use; the engine guards it with its mutex.
type Log struct {
	limit  int
	events []types.HistoryEvent
	key    uint64 // binds page tokens to this log; set by the first Append
	scope  uint64 // mixed into key by Bind
}

// NewLog returns an empty log that refuses to grow past limit events
// (limit <= 0 means DefaultLimit).
func NewLog(limit int) *Log {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Log{limit: limit}
}

// Append adds an event of type typ at time at, linked to prev (0 for none),
// with details: a pointer to the one *EventDetails struct matching typ, or nil
// for event types that carry none. It returns the new event's id (ids start
// at 1 and are dense). It returns ErrLimit, appending nothing, when the log is
// full.
//
// Append stores a deep copy of details, so the caller may reuse it. A nil
// details for a type that has a details member stores an empty one, as AWS
// reports executionAbortedEventDetails: {} (spec 3.7 I). The timestamp is
// stored in UTC, truncated to [Precision]; a time before the previous
// event's is raised to it, so timestamps never decrease even if the clock
// was set back. Any other bad argument returns an error wrapping
// ErrInvalidEvent and appends nothing.
func (l *Log) Append(typ types.HistoryEventType, prev int64, at time.Time, details any) (int64, error) {
	if len(l.events) >= l.limit {
		return 0, ErrLimit
	}
	id := int64(len(l.events)) + 1
	i, known := memberOf[typ]
	switch {
	case !known:
		return 0, fmt.Errorf("%w: unknown event type %q", ErrInvalidEvent, typ)
	case prev < 0 || prev >= id:
		return 0, fmt.Errorf("%w: %s event %d: previousEventId %d names no earlier event", ErrInvalidEvent, typ, id, prev)
	case at.IsZero():
		return 0, fmt.Errorf("%w: %s event %d: zero timestamp", ErrInvalidEvent, typ, id)
	}
	ts := at.UTC().Truncate(Precision)
	if n := len(l.events); n > 0 && ts.Before(*l.events[n-1].Timestamp) {
		ts = *l.events[n-1].Timestamp
	}
	e := types.HistoryEvent{Id: id, PreviousEventId: prev, Timestamp: &ts, Type: typ}
	if err := setDetails(&e, i, details); err != nil {
		return 0, err
	}
	if id == 1 {
		l.key = logKey(&e)
	}
	l.events = append(l.events, e)
	return id, nil
}

// setDetails stores a copy of details in member i of e (noDetails for none).
func setDetails(e *types.HistoryEvent, i int, details any) error {
	if i == noDetails {
		if !isNil(details) {
			return fmt.Errorf("%w: %s event %d carries no details, got %T", ErrInvalidEvent, e.Type, e.Id, details)
		}
		return nil
	}
	m := members[i]
	if isNil(details) {
		if details != nil && !m.set(e, details) {
			return fmt.Errorf("%w: %s event %d takes %v, got %T", ErrInvalidEvent, e.Type, e.Id, m.typ, details)
		}
		m.empty(e)
		return nil
	}
	if !m.set(e, details) {
		return fmt.Errorf("%w: %s event %d takes %v, got %T", ErrInvalidEvent, e.Type, e.Id, m.typ, details)
	}
	cloneMembers(e) // the caller keeps its own details
	return nil
}

// Len returns the number of events.
func (l *Log) Len() int { return len(l.events) }

// Limit returns the log's event limit.
func (l *Log) Limit() int { return l.limit }

// Event returns the event with the given id (1-based) and whether it exists.
// The returned value shares details with the log: callers must not modify it.
func (l *Log) Event(id int64) (types.HistoryEvent, bool) {
	if id < 1 || id > int64(len(l.events)) {
		return types.HistoryEvent{}, false
	}
	return l.events[id-1], true
}

// Events returns the log's events in order. The slice is shared with the log:
// callers must not modify it or its details. Appending to it never writes
// into the log.
func (l *Log) Events() []types.HistoryEvent {
	return l.events[:len(l.events):len(l.events)]
}
