package history

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Check verifies the invariants of a history: ids dense from 1, every
// previousEventId 0 or naming an earlier event, exactly one details value set
// for event types that have a details member and none for those that don't,
// timestamps set and non-decreasing. It returns the first violation found.
//
// Event types must be ones the SDK defines. Check does not require the
// history to begin with ExecutionStarted, so fragments can be checked too.
func Check(events []types.HistoryEvent) error {
	for i := range events {
		e := &events[i]
		want := int64(i) + 1
		if e.Id != want {
			return fmt.Errorf("history: event at index %d has id %d, want %d", i, e.Id, want)
		}
		if e.PreviousEventId < 0 || e.PreviousEventId >= e.Id {
			return fmt.Errorf("history: event %d (%s): previousEventId %d names no earlier event", e.Id, e.Type, e.PreviousEventId)
		}
		if e.Timestamp == nil || e.Timestamp.IsZero() {
			return fmt.Errorf("history: event %d (%s): timestamp not set", e.Id, e.Type)
		}
		if i > 0 {
			if prev := events[i-1].Timestamp; prev != nil && e.Timestamp.Before(*prev) {
				return fmt.Errorf("history: event %d (%s): timestamp %v is before event %d's %v", e.Id, e.Type, e.Timestamp, e.Id-1, *prev)
			}
		}
		if err := checkDetails(e); err != nil {
			return err
		}
	}
	return nil
}

// checkDetails verifies that e sets exactly the details member its type uses.
func checkDetails(e *types.HistoryEvent) error {
	want, known := memberOf[e.Type]
	if !known {
		return fmt.Errorf("history: event %d: unknown type %q", e.Id, e.Type)
	}
	set := setMembers(e)
	switch {
	case want == noDetails && len(set) == 0:
		return nil
	case want == noDetails:
		return fmt.Errorf("history: event %d (%s): carries no details, but sets %s", e.Id, e.Type, fieldNames(set))
	case len(set) == 0:
		return fmt.Errorf("history: event %d (%s): %s not set", e.Id, e.Type, members[want].field)
	case len(set) > 1 || set[0] != want:
		return fmt.Errorf("history: event %d (%s): sets %s, want only %s", e.Id, e.Type, fieldNames(set), members[want].field)
	}
	return nil
}

func fieldNames(set []int) string {
	names := make([]string, len(set))
	for i, m := range set {
		names[i] = members[m].field
	}
	return strings.Join(names, ", ")
}
