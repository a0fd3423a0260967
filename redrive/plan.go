package redrive

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Plan is what a redrive resumes, read from the history as it stood when the
// execution closed: the top-level state that was entered and not exited, and
// the input it was entered with.
type Plan struct {
	State     string                 // name of the state to resume; "" when none is open
	StateType types.HistoryEventType // type of its Entered event, e.g. TaskStateEntered
	Input     string                 // the state's effective input as recorded in its Entered event
	EnteredID int64                  // id of that Entered event
	LastEvent int64                  // id of the last event (the execution's closing event)
}

// ErrNotClosed is returned by PlanFrom and PlanFromTop for a history that is
// empty or whose last event does not close the execution.
var ErrNotClosed = errors.New("redrive: history does not end with a closing event")

// ErrMalformed is returned by PlanFrom and PlanFromTop for a state event
// without the details that name its state.
var ErrMalformed = errors.New("redrive: malformed history event")

// PlanFrom reads the plan from a closed execution's events (spec 1.4): the
// top-level state with an Entered event and no matching Exited event, as the
// last attempt left it. When nothing is open, or the open state is a Succeed
// state (executions that entered a Succeed state are not redriven), the plan
// has State "" and only LastEvent set.
//
// PlanFrom needs no definition. It scans the whole history once, in O(n)
// time and O(1) space. It relies on two facts: state names are unique in a
// state machine, and the top level runs one state at a time, so a state
// entered while a top-level Parallel or Map state is open belongs to it, and
// a state entered while any other top-level state is open follows it. It
// therefore also relies on a top-level Parallel or Map state that ends and
// moves on emitting its Exited event, as AWS does, including when a Catch
// moves on from it. Callers that know the top-level state names should prefer
// [PlanFromTop], whose cost does not grow with the history.
//
// A redrive that resumes a state with or without a new Entered event is read
// the same way: the plan names the state and carries its latest Entered
// event's id and input.
func PlanFrom(events []types.HistoryEvent) (Plan, error) {
	last, err := closing(events)
	if err != nil {
		return Plan{}, err
	}
	var open Plan // the open top-level state so far; State "" when none
	for i := range events {
		e := &events[i]
		switch {
		case isEntered(e.Type):
			name, input, err := enteredDetails(e)
			if err != nil {
				return Plan{}, err
			}
			// A state entered inside an open Parallel or Map is nested in it;
			// anything else is the next (or the same, re-entered) top-level state.
			if open.State == "" || open.State == name || !isContainer(open.StateType) {
				open = Plan{State: name, StateType: e.Type, Input: input, EnteredID: e.Id}
			}
		case exitsOf(e.Type) != "":
			name, err := exitedName(e)
			if err != nil {
				return Plan{}, err
			}
			if name == open.State && exitsOf(e.Type) == open.StateType {
				open = Plan{}
			}
		}
	}
	return finish(open, last), nil
}

// PlanFromTop is PlanFrom for a caller that knows the names of the states at
// the top level of the definition (its States field). It scans backwards from
// the closing event and stops at the first Entered or Exited event of a
// top-level state, so it costs O(k) for the k events since the last top-level
// transition, however long the history. A nil or empty top falls back to
// PlanFrom.
func PlanFromTop(events []types.HistoryEvent, top map[string]bool) (Plan, error) {
	if len(top) == 0 {
		return PlanFrom(events)
	}
	return PlanFromLog(sliceEvents(events), top)
}

// Events gives random access to a history by event id (1-based), as
// *history.Log does, so a plan can be read without copying the history.
type Events interface {
	Len() int
	Event(id int64) (types.HistoryEvent, bool)
}

type sliceEvents []types.HistoryEvent

func (s sliceEvents) Len() int { return len(s) }

func (s sliceEvents) Event(id int64) (types.HistoryEvent, bool) {
	if id < 1 || id > int64(len(s)) {
		return types.HistoryEvent{}, false
	}
	return s[id-1], true
}

// PlanFromLog is PlanFromTop over random access to the history: it reads
// only the events since the last top-level transition, so its cost does not
// grow with the history. top must name the top-level states.
func PlanFromLog(h Events, top map[string]bool) (Plan, error) {
	n := h.Len()
	if n == 0 {
		return Plan{}, fmt.Errorf("%w: no events", ErrNotClosed)
	}
	lastEvent, _ := h.Event(int64(n))
	last, err := closing([]types.HistoryEvent{lastEvent})
	if err != nil {
		return Plan{}, err
	}
	for id := int64(n); id >= 1; id-- {
		ev, _ := h.Event(id)
		e := &ev
		switch {
		case isEntered(e.Type):
			name, input, err := enteredDetails(e)
			if err != nil {
				return Plan{}, err
			}
			if top[name] {
				open := Plan{State: name, StateType: e.Type, Input: input, EnteredID: e.Id}
				return finish(open, last), nil
			}
		case exitsOf(e.Type) != "":
			name, err := exitedName(e)
			if err != nil {
				return Plan{}, err
			}
			if top[name] {
				return Plan{LastEvent: last}, nil
			}
		}
	}
	return Plan{LastEvent: last}, nil
}

// Redrives returns the number of ExecutionRedriven events in events: how many
// times the execution has been redriven, for invariant checks against
// redriveCount. It is O(n).
func Redrives(events []types.HistoryEvent) int {
	n := 0
	for i := range events {
		if events[i].Type == types.HistoryEventTypeExecutionRedriven {
			n++
		}
	}
	return n
}

// closing returns the id of the last event if it closes the execution.
func closing(events []types.HistoryEvent) (int64, error) {
	if len(events) == 0 {
		return 0, fmt.Errorf("%w: no events", ErrNotClosed)
	}
	e := events[len(events)-1]
	switch e.Type {
	case types.HistoryEventTypeExecutionFailed, types.HistoryEventTypeExecutionAborted,
		types.HistoryEventTypeExecutionTimedOut, types.HistoryEventTypeExecutionSucceeded:
		return e.Id, nil
	}
	return 0, fmt.Errorf("%w: last event %d is %s", ErrNotClosed, e.Id, e.Type)
}

// finish completes the plan: a Succeed state is never resumed.
func finish(open Plan, last int64) Plan {
	if open.StateType == types.HistoryEventTypeSucceedStateEntered {
		open = Plan{}
	}
	open.LastEvent = last
	return open
}

// isEntered reports whether t is a state's Entered event.
func isEntered(t types.HistoryEventType) bool {
	switch t {
	case types.HistoryEventTypeChoiceStateEntered, types.HistoryEventTypeFailStateEntered,
		types.HistoryEventTypeMapStateEntered, types.HistoryEventTypeParallelStateEntered,
		types.HistoryEventTypePassStateEntered, types.HistoryEventTypeSucceedStateEntered,
		types.HistoryEventTypeTaskStateEntered, types.HistoryEventTypeWaitStateEntered:
		return true
	}
	return false
}

// exitsOf returns the Entered type that an Exited event of type t matches, or
// "" if t is not a state's Exited event. (A Fail state has no Exited event.)
func exitsOf(t types.HistoryEventType) types.HistoryEventType {
	switch t {
	case types.HistoryEventTypeChoiceStateExited:
		return types.HistoryEventTypeChoiceStateEntered
	case types.HistoryEventTypeMapStateExited:
		return types.HistoryEventTypeMapStateEntered
	case types.HistoryEventTypeParallelStateExited:
		return types.HistoryEventTypeParallelStateEntered
	case types.HistoryEventTypePassStateExited:
		return types.HistoryEventTypePassStateEntered
	case types.HistoryEventTypeSucceedStateExited:
		return types.HistoryEventTypeSucceedStateEntered
	case types.HistoryEventTypeTaskStateExited:
		return types.HistoryEventTypeTaskStateEntered
	case types.HistoryEventTypeWaitStateExited:
		return types.HistoryEventTypeWaitStateEntered
	}
	return ""
}

// isContainer reports whether states of the Entered type t run other states.
func isContainer(t types.HistoryEventType) bool {
	return t == types.HistoryEventTypeParallelStateEntered || t == types.HistoryEventTypeMapStateEntered
}

// enteredDetails returns the name and input of an Entered event.
func enteredDetails(e *types.HistoryEvent) (name, input string, err error) {
	d := e.StateEnteredEventDetails
	if d == nil || d.Name == nil || *d.Name == "" {
		return "", "", fmt.Errorf("%w: %s event %d has no state name", ErrMalformed, e.Type, e.Id)
	}
	if d.Input != nil {
		input = *d.Input
	}
	return *d.Name, input, nil
}

// exitedName returns the name of the state an Exited event exits.
func exitedName(e *types.HistoryEvent) (string, error) {
	d := e.StateExitedEventDetails
	if d == nil || d.Name == nil || *d.Name == "" {
		return "", fmt.Errorf("%w: %s event %d has no state name", ErrMalformed, e.Type, e.Id)
	}
	return *d.Name, nil
}
