package history_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// TestDetailsFieldFollowsSDK derives the pairing of event types and details
// members from the SDK's names, independently of the table in details.go:
// <X>StateEntered/Exited use StateEntered/ExitedEventDetails, any other type
// T uses the member TEventDetails if types.HistoryEvent has one, else none.
func TestDetailsFieldFollowsSDK(t *testing.T) {
	t.Parallel()
	fields := detailsFields()
	used := map[string]bool{}
	for _, typ := range allTypes {
		var want string
		switch name := string(typ); {
		case strings.HasSuffix(name, "StateEntered"):
			want = "StateEnteredEventDetails"
		case strings.HasSuffix(name, "StateExited"):
			want = "StateExitedEventDetails"
		default:
			if _, ok := fields[name+"EventDetails"]; ok {
				want = name + "EventDetails"
			}
		}
		got, known := history.DetailsField(typ)
		if !known || got != want {
			t.Errorf("DetailsField(%s) = %q, %v; want %q, true", typ, got, known, want)
		}
		used[got] = true
	}
	for f := range fields {
		if !used[f] {
			t.Errorf("member %s is used by no event type", f)
		}
	}
	if got, known := history.DetailsField("NoSuchEvent"); known || got != "" {
		t.Errorf(`DetailsField("NoSuchEvent") = %q, %v; want "", false`, got, known)
	}
}

func TestDetailsFieldExamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		typ  types.HistoryEventType
		want string
	}{
		{types.HistoryEventTypeTaskStateEntered, "StateEnteredEventDetails"},
		{types.HistoryEventTypeFailStateEntered, "StateEnteredEventDetails"},
		{types.HistoryEventTypeWaitStateExited, "StateExitedEventDetails"},
		{types.HistoryEventTypeMapIterationAborted, "MapIterationAbortedEventDetails"},
		{types.HistoryEventTypeMapStateStarted, "MapStateStartedEventDetails"},
		{types.HistoryEventTypeExecutionRedriven, "ExecutionRedrivenEventDetails"},
		{types.HistoryEventTypeMapRunRedriven, "MapRunRedrivenEventDetails"},
		{types.HistoryEventTypeExecutionTimedOut, "ExecutionTimedOutEventDetails"},
		{types.HistoryEventTypeParallelStateStarted, ""},
		{types.HistoryEventTypeParallelStateFailed, ""},
		{types.HistoryEventTypeMapStateSucceeded, ""},
		{types.HistoryEventTypeTaskStateAborted, ""},
		{types.HistoryEventTypeWaitStateAborted, ""},
		{types.HistoryEventTypeLambdaFunctionStarted, ""},
		{types.HistoryEventTypeMapRunAborted, ""},
		{types.HistoryEventTypeMapRunSucceeded, ""},
	}
	for _, tt := range tests {
		if got, _ := history.DetailsField(tt.typ); got != tt.want {
			t.Errorf("DetailsField(%s) = %q, want %q", tt.typ, got, tt.want)
		}
	}
}

func TestDetails(t *testing.T) {
	t.Parallel()
	entered := &types.StateEnteredEventDetails{Name: aws.String("A")}
	iter := &types.MapIterationEventDetails{Index: 2}
	tests := []struct {
		name string
		e    types.HistoryEvent
		want any
	}{
		{"state entered", types.HistoryEvent{Type: types.HistoryEventTypePassStateEntered, StateEnteredEventDetails: entered}, entered},
		{"map iteration", types.HistoryEvent{Type: types.HistoryEventTypeMapIterationFailed, MapIterationFailedEventDetails: iter}, iter},
		{"member of another type ignored", types.HistoryEvent{Type: types.HistoryEventTypeMapIterationSucceeded, MapIterationFailedEventDetails: iter}, nil},
		{"unset member", types.HistoryEvent{Type: types.HistoryEventTypeTaskStateEntered}, nil},
		{"type without details", types.HistoryEvent{Type: types.HistoryEventTypeParallelStateStarted}, nil},
		{"unknown type", types.HistoryEvent{Type: "Nope", StateEnteredEventDetails: entered}, nil},
	}
	for _, tt := range tests {
		got := history.Details(tt.e)
		if tt.want == nil {
			if got != nil {
				t.Errorf("%s: Details() = %#v, want nil", tt.name, got)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s: Details() = %#v, want the event's own pointer %#v", tt.name, got, tt.want)
		}
	}
}

func TestDetailsFieldTypesMatchSDK(t *testing.T) {
	t.Parallel()
	// Append must accept, for each type, a value of its member's Go type.
	for _, typ := range allTypes {
		field, _ := history.DetailsField(typ)
		if field == "" {
			continue
		}
		l := history.NewLog(0)
		d := newDetails(field, 1)
		if _, err := l.Append(typ, 0, t0, d); err != nil {
			t.Errorf("Append(%s, %T) = %v", typ, d, err)
			continue
		}
		e, _ := l.Event(1)
		if got := reflect.ValueOf(&e).Elem().FieldByName(field).Interface(); diff(d, got) != "" {
			t.Errorf("Append(%s): stored %s differs (-want +got):\n%s", typ, field, diff(d, got))
		}
	}
}
