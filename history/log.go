// Package history models an execution's event history: the append-only log of
// types.HistoryEvent values, paging through it in either order, and the
// invariants every history satisfies.
package history

import (
	"errors"
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

// Log is one execution's history. Events are immutable once appended.
// A Log is not safe for concurrent use; the engine guards it with its mutex.
type Log struct {
	limit  int
	events []types.HistoryEvent
}

// NewLog returns an empty log that refuses to grow past limit events
// (limit <= 0 means DefaultLimit).
func NewLog(limit int) *Log {
	panic("TODO")
}

// Append adds an event of type typ at time at, linked to prev (0 for none),
// with details: a pointer to the one *EventDetails struct matching typ, or nil
// for event types that carry none. It returns the new event's id (ids start
// at 1 and are dense). It returns ErrLimit, appending nothing, when the log is
// full.
func (l *Log) Append(typ types.HistoryEventType, prev int64, at time.Time, details any) (int64, error) {
	panic("TODO")
}

// Len returns the number of events.
func (l *Log) Len() int { panic("TODO") }

// Limit returns the log's event limit.
func (l *Log) Limit() int { panic("TODO") }

// Event returns the event with the given id (1-based) and whether it exists.
// The returned value shares details with the log: callers must not modify it.
func (l *Log) Event(id int64) (types.HistoryEvent, bool) { panic("TODO") }

// Events returns the log's events in order. The slice is shared with the log:
// callers must not modify it or its details.
func (l *Log) Events() []types.HistoryEvent { panic("TODO") }

// PageRequest is one GetExecutionHistory page request.
type PageRequest struct {
	MaxResults           int    // 0 means 100; the caller validates 0..1000
	NextToken            string // "" for the first page
	Reverse              bool
	IncludeExecutionData bool
}

// Page returns one page of deep-copied events (never aliasing the log) and the
// token for the next page ("" on the last page). Without IncludeExecutionData
// the input and output members (and their *Details) are left out of every
// event. A token issued for other Reverse value, or not issued by Page, gives
// ErrInvalidToken.
func (l *Log) Page(req PageRequest) ([]types.HistoryEvent, string, error) {
	panic("TODO")
}

// Clone returns a deep copy of e: no pointer in the copy is shared with e.
func Clone(e types.HistoryEvent) types.HistoryEvent { panic("TODO") }

// Check verifies the invariants of a history: ids dense from 1, every
// previousEventId 0 or naming an earlier event, exactly one details value set
// for event types that have a details member and none for those that don't,
// timestamps set and non-decreasing. It returns the first violation found.
func Check(events []types.HistoryEvent) error { panic("TODO") }
