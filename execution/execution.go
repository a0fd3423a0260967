// Package execution models a Step Functions execution record: its status and
// the transitions allowed between statuses, ARNs, and the naming rules.
package execution

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Execution is the record of one execution, as DescribeExecution reports it.
// The interpreter state and the history live elsewhere.
type Execution struct {
	ARN             string
	Name            string
	StateMachineARN string // unqualified state machine ARN
	VersionARN      string // set when started through a version ARN
	AliasARN        string // set when started through an alias ARN
	MapRunARN       string // set for children of a Distributed Map
	Type            types.StateMachineType

	Status    types.ExecutionStatus
	Input     string // JSON text
	Output    string // JSON text; valid when HasOutput
	HasOutput bool
	Error     *string // nil means absent (not empty)
	Cause     *string
	StartDate time.Time
	StopDate  time.Time // zero while open

	RedriveCount int32
	RedriveDate  time.Time // zero until the first redrive
	TraceHeader  string
}

// Open reports whether the execution is still running (RUNNING or PENDING_REDRIVE).
func (x *Execution) Open() bool { panic("TODO") }

// CanTransition reports whether the status may move from → to:
// RUNNING → SUCCEEDED | FAILED | TIMED_OUT | ABORTED;
// FAILED | TIMED_OUT | ABORTED → RUNNING | PENDING_REDRIVE (a redrive);
// PENDING_REDRIVE → RUNNING | ABORTED.
func CanTransition(from, to types.ExecutionStatus) bool { panic("TODO") }

// Close moves a running execution to a terminal status at time at, recording
// output (for SUCCEEDED) or error and cause (nil keeps them absent). It returns
// an error, changing nothing, when the transition is not allowed.
func (x *Execution) Close(status types.ExecutionStatus, at time.Time, output string, errName, cause *string) error {
	panic("TODO")
}

// Reopen moves a closed execution back to RUNNING for a redrive at time at:
// redriveCount+1, redriveDate=at, and StopDate, Error, Cause and Output
// cleared while it runs (docs/decisions.md, "DescribeExecution while a redrive
// runs").
// It returns an error, changing nothing, when the transition is not allowed.
func (x *Execution) Reopen(at time.Time) error { panic("TODO") }
