package history_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// failedTask is recorded history 3.7 A: a Task fails with no Catch.
func failedTask() []types.HistoryEvent {
	s := aws.String
	return seq(
		ev(types.HistoryEventTypeExecutionStarted, 0, &types.ExecutionStartedEventDetails{Input: s("{}")}),
		ev(types.HistoryEventTypeTaskStateEntered, 0, &types.StateEnteredEventDetails{Name: s("T"), Input: s("{}")}),
		ev(types.HistoryEventTypeTaskScheduled, 2, &types.TaskScheduledEventDetails{Resource: s("r"), ResourceType: s("lambda"), Parameters: s("{}"), Region: s("us-east-1")}),
		ev(types.HistoryEventTypeTaskStarted, 3, &types.TaskStartedEventDetails{Resource: s("r"), ResourceType: s("lambda")}),
		ev(types.HistoryEventTypeTaskFailed, 4, &types.TaskFailedEventDetails{Resource: s("r"), ResourceType: s("lambda"), Error: s("E")}),
		ev(types.HistoryEventTypeExecutionFailed, 5, &types.ExecutionFailedEventDetails{Error: s("E")}),
	)
}

func TestCheck(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(evs []types.HistoryEvent) []types.HistoryEvent
		want string // substring of the error; "" for none
	}{
		{"recorded failed task", nil, ""},
		{"empty", func([]types.HistoryEvent) []types.HistoryEvent { return nil }, ""},
		{"fragment without ExecutionStarted", func(evs []types.HistoryEvent) []types.HistoryEvent {
			return seq(ev(types.HistoryEventTypeParallelStateStarted, 0, nil))
		}, ""},
		{"equal timestamps", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[2].Timestamp = evs[1].Timestamp
			return evs
		}, ""},
		{"ids start at 0", func(evs []types.HistoryEvent) []types.HistoryEvent {
			for i := range evs {
				evs[i].Id--
			}
			return evs
		}, "index 0 has id 0, want 1"},
		{"gap in ids", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[3].Id = 5
			return evs
		}, "index 3 has id 5, want 4"},
		{"duplicate id", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[4].Id = 4
			return evs
		}, "index 4 has id 4, want 5"},
		{"previous names itself", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[2].PreviousEventId = 3
			return evs
		}, "event 3 (TaskScheduled): previousEventId 3"},
		{"previous names a later event", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[1].PreviousEventId = 6
			return evs
		}, "event 2 (TaskStateEntered): previousEventId 6"},
		{"negative previous", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[1].PreviousEventId = -1
			return evs
		}, "previousEventId -1"},
		{"nil timestamp", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[3].Timestamp = nil
			return evs
		}, "event 4 (TaskStarted): timestamp not set"},
		{"zero timestamp", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[0].Timestamp = &time.Time{}
			return evs
		}, "event 1 (ExecutionStarted): timestamp not set"},
		{"timestamp goes back", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[4].Timestamp = aws.Time(evs[3].Timestamp.Add(-time.Millisecond))
			return evs
		}, "event 5 (TaskFailed): timestamp"},
		{"unknown type", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[2].Type = "TaskExploded"
			return evs
		}, `event 3: unknown type "TaskExploded"`},
		{"missing details", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[5].ExecutionFailedEventDetails = nil
			return evs
		}, "event 6 (ExecutionFailed): ExecutionFailedEventDetails not set"},
		{"details of another type", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[1].StateEnteredEventDetails = nil
			evs[1].StateExitedEventDetails = &types.StateExitedEventDetails{}
			return evs
		}, "event 2 (TaskStateEntered): sets StateExitedEventDetails, want only StateEnteredEventDetails"},
		{"two details", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[4].TaskTimedOutEventDetails = &types.TaskTimedOutEventDetails{}
			return evs
		}, "event 5 (TaskFailed): sets TaskFailedEventDetails, TaskTimedOutEventDetails, want only TaskFailedEventDetails"},
		{"map iteration in the wrong member", func(evs []types.HistoryEvent) []types.HistoryEvent {
			return seq(ev(types.HistoryEventTypeMapIterationFailed, 0, nil), types.HistoryEvent{
				Type: types.HistoryEventTypeMapIterationSucceeded, MapIterationFailedEventDetails: &types.MapIterationEventDetails{},
			})
		}, "event 1 (MapIterationFailed): MapIterationFailedEventDetails not set"},
		{"details on a type without", func(evs []types.HistoryEvent) []types.HistoryEvent {
			e := ev(types.HistoryEventTypeParallelStateFailed, 0, nil)
			e.ExecutionFailedEventDetails = &types.ExecutionFailedEventDetails{}
			return seq(e)
		}, "event 1 (ParallelStateFailed): carries no details, but sets ExecutionFailedEventDetails"},
		{"first violation wins", func(evs []types.HistoryEvent) []types.HistoryEvent {
			evs[5].ExecutionFailedEventDetails = nil
			evs[2].PreviousEventId = 9
			return evs
		}, "event 3 (TaskScheduled)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			evs := failedTask()
			if tt.edit != nil {
				evs = tt.edit(evs)
			}
			err := history.Check(evs)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Check() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestCheckAcceptsEveryAppend checks that Append only builds histories
// Check accepts, for every event type, with full and nil details.
func TestCheckAcceptsEveryAppend(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	for i, typ := range allTypes {
		var d any
		if field, _ := history.DetailsField(typ); field != "" && i%2 == 0 {
			d = newDetails(field, i)
		}
		if _, err := l.Append(typ, int64(i), t0.Add(time.Duration(i)*time.Second), d); err != nil {
			t.Fatalf("Append(%s) = %v", typ, err)
		}
	}
	if err := history.Check(l.Events()); err != nil {
		t.Errorf("Check() = %v", err)
	}
}
