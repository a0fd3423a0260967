package redrive

import "github.com/aws/aws-sdk-go-v2/service/sfn/types"

// Plan is what a redrive resumes, read from the history as it stood when the
// execution closed: the top-level state that was entered and not exited, and
// the input it was entered with.
type Plan struct {
	State     string // name of the state to resume; "" when none is open
	StateType types.HistoryEventType
	Input     string // the state's effective input as recorded in its Entered event
	EnteredID int64  // id of that Entered event
	LastEvent int64  // id of the last event (the execution's closing event)
}

// PlanFrom reads the plan from a closed execution's events.
func PlanFrom(events []types.HistoryEvent) (Plan, error) { panic("TODO") }
