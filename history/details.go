package history

import (
	"reflect"
	"slices"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// member is one details member of types.HistoryEvent: its Go field name and
// typed access to it.
type member struct {
	field   string
	get     func(e *types.HistoryEvent) any         // nil when the member is unset
	set     func(e *types.HistoryEvent, d any) bool // false when d has the wrong type
	empty   func(e *types.HistoryEvent)             // sets the member to a zero value
	holds   func(d any) bool                        // d is a non-nil value of the member's type
	strip   func(e *types.HistoryEvent)             // drops input/output data; nil if none
	typ     reflect.Type                            // the member's pointer type, for messages
	ownType unsafe.Pointer                          // its type word in an interface

	// For members AppendText can store: whether a shared value suits the
	// member, and a deep copy of the details it stands for with text as
	// their data, drawn from cl (nil: allocated).
	// For a member stored by name (byName), shared is nil and name the
	// state's name; otherwise name is "".
	sharable   func(shared any) bool
	expand     func(cl *cloner, shared any, name, text string) any
	byName     bool
	sharedType unsafe.Pointer // the type word of what sharable takes; nil unless expand is set
}

// notTruncated is the InputDetails/OutputDetails of every event stored by
// AppendText (reads copy it).
var notTruncated = &types.HistoryEventExecutionDataDetails{Truncated: false}

// withTemplate lets AppendText store m's events as a shared template of
// type *T plus their data. clone is T's deep copy; data addresses a value's
// data member and its *Details flag (nil for TaskScheduled's Parameters,
// which has none).
func withTemplate[T any](m member, clone func(*cloner, *T) *T, data func(*T) (**string, **types.HistoryEventExecutionDataDetails)) member {
	m.sharable = func(shared any) bool {
		p, ok := shared.(*T)
		return ok && p != nil
	}
	m.sharedType = typeWord[*T]()
	m.expand = func(cl *cloner, shared any, _, text string) any {
		d := clone(cl, shared.(*T))
		t, flag := data(d)
		*t = textCopy(cl, text)
		if flag != nil {
			*flag = cp(cl, notTruncated)
		}
		return d
	}
	return m
}

// typeWord returns the type word of a T in an interface.
func typeWord[T any]() unsafe.Pointer {
	var v any = *new(T)
	return eface(&v).typ
}

// withName lets AppendText store m's events (StateEntered, StateExited) as
// the state's name plus their data, both kept as text; build makes the
// details from copies.
func withName(m member, build func(name, text *string, flag *types.HistoryEventExecutionDataDetails) any) member {
	m.byName = true
	m.sharable = func(shared any) bool {
		p, ok := shared.(*string)
		return ok && p != nil
	}
	m.sharedType = typeWord[*string]()
	m.expand = func(cl *cloner, _ any, name, text string) any {
		return build(textCopy(cl, name), textCopy(cl, text), cp(cl, notTruncated))
	}
	return m
}

// newMember builds the accessors of the member that at addresses.
func newMember[T any](field string, at func(*types.HistoryEvent) **T, strip func(*T)) member {
	m := member{
		field: field,
		get: func(e *types.HistoryEvent) any {
			if p := *at(e); p != nil {
				return p
			}
			return nil
		},
		set: func(e *types.HistoryEvent, d any) bool {
			p, ok := d.(*T)
			if ok {
				*at(e) = p
			}
			return ok
		},
		empty: func(e *types.HistoryEvent) { *at(e) = new(T) },
		holds: func(d any) bool {
			p, ok := d.(*T)
			return ok && p != nil
		},
		typ:     reflect.TypeFor[*T](),
		ownType: typeWord[*T](),
	}
	if strip != nil {
		m.strip = func(e *types.HistoryEvent) {
			if p := *at(e); p != nil {
				strip(p)
			}
		}
	}
	return m
}

// members lists every details member of types.HistoryEvent (SDK v1.41.2).
// TestDetailsFieldFollowsSDK keeps it in step with the SDK struct.
var members = []member{
	newMember("ActivityFailedEventDetails",
		func(e *types.HistoryEvent) **types.ActivityFailedEventDetails { return &e.ActivityFailedEventDetails },
		nil),
	newMember("ActivityScheduleFailedEventDetails",
		func(e *types.HistoryEvent) **types.ActivityScheduleFailedEventDetails {
			return &e.ActivityScheduleFailedEventDetails
		},
		nil),
	withTemplate(newMember("ActivityScheduledEventDetails",
		func(e *types.HistoryEvent) **types.ActivityScheduledEventDetails {
			return &e.ActivityScheduledEventDetails
		},
		stripActivityScheduled), cloneActivityScheduled, func(d *types.ActivityScheduledEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Input, &d.InputDetails
	}),
	newMember("ActivityStartedEventDetails",
		func(e *types.HistoryEvent) **types.ActivityStartedEventDetails { return &e.ActivityStartedEventDetails },
		nil),
	withTemplate(newMember("ActivitySucceededEventDetails",
		func(e *types.HistoryEvent) **types.ActivitySucceededEventDetails {
			return &e.ActivitySucceededEventDetails
		},
		stripActivitySucceeded), cloneActivitySucceeded, func(d *types.ActivitySucceededEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Output, &d.OutputDetails
	}),
	newMember("ActivityTimedOutEventDetails",
		func(e *types.HistoryEvent) **types.ActivityTimedOutEventDetails {
			return &e.ActivityTimedOutEventDetails
		},
		nil),
	newMember("EvaluationFailedEventDetails",
		func(e *types.HistoryEvent) **types.EvaluationFailedEventDetails {
			return &e.EvaluationFailedEventDetails
		},
		nil),
	newMember("ExecutionAbortedEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionAbortedEventDetails {
			return &e.ExecutionAbortedEventDetails
		},
		nil),
	newMember("ExecutionFailedEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionFailedEventDetails { return &e.ExecutionFailedEventDetails },
		nil),
	newMember("ExecutionRedrivenEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionRedrivenEventDetails {
			return &e.ExecutionRedrivenEventDetails
		},
		nil),
	withTemplate(newMember("ExecutionStartedEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionStartedEventDetails {
			return &e.ExecutionStartedEventDetails
		},
		stripExecutionStarted), cloneExecutionStarted, func(d *types.ExecutionStartedEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Input, &d.InputDetails
	}),
	withTemplate(newMember("ExecutionSucceededEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionSucceededEventDetails {
			return &e.ExecutionSucceededEventDetails
		},
		stripExecutionSucceeded), cloneExecutionSucceeded, func(d *types.ExecutionSucceededEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Output, &d.OutputDetails
	}),
	newMember("ExecutionTimedOutEventDetails",
		func(e *types.HistoryEvent) **types.ExecutionTimedOutEventDetails {
			return &e.ExecutionTimedOutEventDetails
		},
		nil),
	newMember("LambdaFunctionFailedEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionFailedEventDetails {
			return &e.LambdaFunctionFailedEventDetails
		},
		nil),
	newMember("LambdaFunctionScheduleFailedEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionScheduleFailedEventDetails {
			return &e.LambdaFunctionScheduleFailedEventDetails
		},
		nil),
	withTemplate(newMember("LambdaFunctionScheduledEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionScheduledEventDetails {
			return &e.LambdaFunctionScheduledEventDetails
		},
		stripLambdaFunctionScheduled), cloneLambdaFunctionScheduled, func(d *types.LambdaFunctionScheduledEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Input, &d.InputDetails
	}),
	newMember("LambdaFunctionStartFailedEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionStartFailedEventDetails {
			return &e.LambdaFunctionStartFailedEventDetails
		},
		nil),
	withTemplate(newMember("LambdaFunctionSucceededEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionSucceededEventDetails {
			return &e.LambdaFunctionSucceededEventDetails
		},
		stripLambdaFunctionSucceeded), cloneLambdaFunctionSucceeded, func(d *types.LambdaFunctionSucceededEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Output, &d.OutputDetails
	}),
	newMember("LambdaFunctionTimedOutEventDetails",
		func(e *types.HistoryEvent) **types.LambdaFunctionTimedOutEventDetails {
			return &e.LambdaFunctionTimedOutEventDetails
		},
		nil),
	newMember("MapIterationAbortedEventDetails",
		func(e *types.HistoryEvent) **types.MapIterationEventDetails {
			return &e.MapIterationAbortedEventDetails
		},
		nil),
	newMember("MapIterationFailedEventDetails",
		func(e *types.HistoryEvent) **types.MapIterationEventDetails { return &e.MapIterationFailedEventDetails },
		nil),
	newMember("MapIterationStartedEventDetails",
		func(e *types.HistoryEvent) **types.MapIterationEventDetails {
			return &e.MapIterationStartedEventDetails
		},
		nil),
	newMember("MapIterationSucceededEventDetails",
		func(e *types.HistoryEvent) **types.MapIterationEventDetails {
			return &e.MapIterationSucceededEventDetails
		},
		nil),
	newMember("MapRunFailedEventDetails",
		func(e *types.HistoryEvent) **types.MapRunFailedEventDetails { return &e.MapRunFailedEventDetails },
		nil),
	newMember("MapRunRedrivenEventDetails",
		func(e *types.HistoryEvent) **types.MapRunRedrivenEventDetails { return &e.MapRunRedrivenEventDetails },
		nil),
	newMember("MapRunStartedEventDetails",
		func(e *types.HistoryEvent) **types.MapRunStartedEventDetails { return &e.MapRunStartedEventDetails },
		nil),
	newMember("MapStateStartedEventDetails",
		func(e *types.HistoryEvent) **types.MapStateStartedEventDetails { return &e.MapStateStartedEventDetails },
		nil),
	withName(newMember("StateEnteredEventDetails",
		func(e *types.HistoryEvent) **types.StateEnteredEventDetails { return &e.StateEnteredEventDetails },
		stripStateEntered), func(name, text *string, flag *types.HistoryEventExecutionDataDetails) any {
		return &types.StateEnteredEventDetails{Name: name, Input: text, InputDetails: flag}
	}),
	withName(newMember("StateExitedEventDetails",
		func(e *types.HistoryEvent) **types.StateExitedEventDetails { return &e.StateExitedEventDetails },
		stripStateExited), func(name, text *string, flag *types.HistoryEventExecutionDataDetails) any {
		return &types.StateExitedEventDetails{Name: name, Output: text, OutputDetails: flag}
	}),
	newMember("TaskFailedEventDetails",
		func(e *types.HistoryEvent) **types.TaskFailedEventDetails { return &e.TaskFailedEventDetails },
		nil),
	withTemplate(newMember("TaskScheduledEventDetails",
		func(e *types.HistoryEvent) **types.TaskScheduledEventDetails { return &e.TaskScheduledEventDetails },
		nil), cloneTaskScheduled, func(d *types.TaskScheduledEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Parameters, nil
	}),
	newMember("TaskStartFailedEventDetails",
		func(e *types.HistoryEvent) **types.TaskStartFailedEventDetails { return &e.TaskStartFailedEventDetails },
		nil),
	newMember("TaskStartedEventDetails",
		func(e *types.HistoryEvent) **types.TaskStartedEventDetails { return &e.TaskStartedEventDetails },
		nil),
	newMember("TaskSubmitFailedEventDetails",
		func(e *types.HistoryEvent) **types.TaskSubmitFailedEventDetails {
			return &e.TaskSubmitFailedEventDetails
		},
		nil),
	withTemplate(newMember("TaskSubmittedEventDetails",
		func(e *types.HistoryEvent) **types.TaskSubmittedEventDetails { return &e.TaskSubmittedEventDetails },
		stripTaskSubmitted), cloneTaskSubmitted, func(d *types.TaskSubmittedEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Output, &d.OutputDetails
	}),
	withTemplate(newMember("TaskSucceededEventDetails",
		func(e *types.HistoryEvent) **types.TaskSucceededEventDetails { return &e.TaskSucceededEventDetails },
		stripTaskSucceeded), cloneTaskSucceeded, func(d *types.TaskSucceededEventDetails) (**string, **types.HistoryEventExecutionDataDetails) {
		return &d.Output, &d.OutputDetails
	}),
	newMember("TaskTimedOutEventDetails",
		func(e *types.HistoryEvent) **types.TaskTimedOutEventDetails { return &e.TaskTimedOutEventDetails },
		nil),
}

// noDetails marks an event type that carries no details member.
const noDetails = -1

// memberOf maps every HistoryEventType of SDK v1.41.2 to the index in members
// of its details member, or to noDetails. The pairing follows the member
// names of types.HistoryEvent and the HistoryEvent API reference
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
// every <State>StateEntered event uses stateEnteredEventDetails, every
// <State>StateExited event stateExitedEventDetails, and the four MapIteration
// events their own member of type MapIterationEventDetails. The Parallel and
// Map state lifecycle events other than MapStateStarted, TaskStateAborted,
// WaitStateAborted, LambdaFunctionStarted, MapRunAborted and MapRunSucceeded
// have no member (recorded for ParallelStateStarted/Failed, spec 3.7 D).
var memberOf = func() map[types.HistoryEventType]int {
	index := make(map[string]int, len(members))
	for i, m := range members {
		index[m.field] = i
	}
	byType := map[types.HistoryEventType]string{
		types.HistoryEventTypeActivityFailed:               "ActivityFailedEventDetails",
		types.HistoryEventTypeActivityScheduled:            "ActivityScheduledEventDetails",
		types.HistoryEventTypeActivityScheduleFailed:       "ActivityScheduleFailedEventDetails",
		types.HistoryEventTypeActivityStarted:              "ActivityStartedEventDetails",
		types.HistoryEventTypeActivitySucceeded:            "ActivitySucceededEventDetails",
		types.HistoryEventTypeActivityTimedOut:             "ActivityTimedOutEventDetails",
		types.HistoryEventTypeChoiceStateEntered:           "StateEnteredEventDetails",
		types.HistoryEventTypeChoiceStateExited:            "StateExitedEventDetails",
		types.HistoryEventTypeExecutionAborted:             "ExecutionAbortedEventDetails",
		types.HistoryEventTypeExecutionFailed:              "ExecutionFailedEventDetails",
		types.HistoryEventTypeExecutionStarted:             "ExecutionStartedEventDetails",
		types.HistoryEventTypeExecutionSucceeded:           "ExecutionSucceededEventDetails",
		types.HistoryEventTypeExecutionTimedOut:            "ExecutionTimedOutEventDetails",
		types.HistoryEventTypeFailStateEntered:             "StateEnteredEventDetails",
		types.HistoryEventTypeLambdaFunctionFailed:         "LambdaFunctionFailedEventDetails",
		types.HistoryEventTypeLambdaFunctionScheduled:      "LambdaFunctionScheduledEventDetails",
		types.HistoryEventTypeLambdaFunctionScheduleFailed: "LambdaFunctionScheduleFailedEventDetails",
		types.HistoryEventTypeLambdaFunctionStarted:        "",
		types.HistoryEventTypeLambdaFunctionStartFailed:    "LambdaFunctionStartFailedEventDetails",
		types.HistoryEventTypeLambdaFunctionSucceeded:      "LambdaFunctionSucceededEventDetails",
		types.HistoryEventTypeLambdaFunctionTimedOut:       "LambdaFunctionTimedOutEventDetails",
		types.HistoryEventTypeMapIterationAborted:          "MapIterationAbortedEventDetails",
		types.HistoryEventTypeMapIterationFailed:           "MapIterationFailedEventDetails",
		types.HistoryEventTypeMapIterationStarted:          "MapIterationStartedEventDetails",
		types.HistoryEventTypeMapIterationSucceeded:        "MapIterationSucceededEventDetails",
		types.HistoryEventTypeMapStateAborted:              "",
		types.HistoryEventTypeMapStateEntered:              "StateEnteredEventDetails",
		types.HistoryEventTypeMapStateExited:               "StateExitedEventDetails",
		types.HistoryEventTypeMapStateFailed:               "",
		types.HistoryEventTypeMapStateStarted:              "MapStateStartedEventDetails",
		types.HistoryEventTypeMapStateSucceeded:            "",
		types.HistoryEventTypeParallelStateAborted:         "",
		types.HistoryEventTypeParallelStateEntered:         "StateEnteredEventDetails",
		types.HistoryEventTypeParallelStateExited:          "StateExitedEventDetails",
		types.HistoryEventTypeParallelStateFailed:          "",
		types.HistoryEventTypeParallelStateStarted:         "",
		types.HistoryEventTypeParallelStateSucceeded:       "",
		types.HistoryEventTypePassStateEntered:             "StateEnteredEventDetails",
		types.HistoryEventTypePassStateExited:              "StateExitedEventDetails",
		types.HistoryEventTypeSucceedStateEntered:          "StateEnteredEventDetails",
		types.HistoryEventTypeSucceedStateExited:           "StateExitedEventDetails",
		types.HistoryEventTypeTaskFailed:                   "TaskFailedEventDetails",
		types.HistoryEventTypeTaskScheduled:                "TaskScheduledEventDetails",
		types.HistoryEventTypeTaskStarted:                  "TaskStartedEventDetails",
		types.HistoryEventTypeTaskStartFailed:              "TaskStartFailedEventDetails",
		types.HistoryEventTypeTaskStateAborted:             "",
		types.HistoryEventTypeTaskStateEntered:             "StateEnteredEventDetails",
		types.HistoryEventTypeTaskStateExited:              "StateExitedEventDetails",
		types.HistoryEventTypeTaskSubmitFailed:             "TaskSubmitFailedEventDetails",
		types.HistoryEventTypeTaskSubmitted:                "TaskSubmittedEventDetails",
		types.HistoryEventTypeTaskSucceeded:                "TaskSucceededEventDetails",
		types.HistoryEventTypeTaskTimedOut:                 "TaskTimedOutEventDetails",
		types.HistoryEventTypeWaitStateAborted:             "",
		types.HistoryEventTypeWaitStateEntered:             "StateEnteredEventDetails",
		types.HistoryEventTypeWaitStateExited:              "StateExitedEventDetails",
		types.HistoryEventTypeMapRunAborted:                "",
		types.HistoryEventTypeMapRunFailed:                 "MapRunFailedEventDetails",
		types.HistoryEventTypeMapRunStarted:                "MapRunStartedEventDetails",
		types.HistoryEventTypeMapRunSucceeded:              "",
		types.HistoryEventTypeExecutionRedriven:            "ExecutionRedrivenEventDetails",
		types.HistoryEventTypeMapRunRedriven:               "MapRunRedrivenEventDetails",
		types.HistoryEventTypeEvaluationFailed:             "EvaluationFailedEventDetails",
	}
	out := make(map[types.HistoryEventType]int, len(byType))
	for typ, field := range byType {
		if field == "" {
			out[typ] = noDetails
			continue
		}
		i, ok := index[field]
		if !ok {
			panic("history: memberOf names unknown member " + field) // a typo above; caught by every test
		}
		out[typ] = i
	}
	return out
}()

// DetailsField returns the Go field name in types.HistoryEvent of the details
// member that events of type typ carry (for example "StateEnteredEventDetails"
// for TaskStateEntered), or "" for a type that carries none. known is false
// for a type that is not a HistoryEventType of the SDK version sfnmem uses.
func DetailsField(typ types.HistoryEventType) (field string, known bool) {
	i, ok := memberOf[typ]
	if !ok || i == noDetails {
		return "", ok
	}
	return members[i].field, true
}

// Details returns the details member of e that its type uses, such as a
// *types.StateEnteredEventDetails for a TaskStateEntered event, or nil when
// the type carries none, the member is unset, or the type is unknown. The
// pointer is e's own, not a copy.
func Details(e types.HistoryEvent) any {
	i, ok := memberOf[e.Type]
	if !ok || i == noDetails {
		return nil
	}
	return members[i].get(&e)
}

// setMembers returns the indexes in members of every details member set in e.
func setMembers(e *types.HistoryEvent) []int {
	var set []int
	for i, m := range members {
		if m.get(e) != nil {
			set = append(set, i)
		}
	}
	return set
}

// isNil reports whether d is nil or a nil pointer of any type.
func isNil(d any) bool {
	if d == nil {
		return true
	}
	v := reflect.ValueOf(d)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// typeNames lists every known event type, and typeIndex gives each one's
// position: a stored entry keeps the small index, not the string.
var typeNames, typeIndex = func() ([]types.HistoryEventType, map[types.HistoryEventType]uint16) {
	names := make([]types.HistoryEventType, 0, len(memberOf))
	for t := range memberOf {
		names = append(names, t)
	}
	slices.Sort(names)
	index := make(map[types.HistoryEventType]uint16, len(names))
	for i, t := range names {
		index[t] = uint16(i)
	}
	return names, index
}()
