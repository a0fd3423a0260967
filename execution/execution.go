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
	Input     string  // JSON text
	Output    string  // JSON text; valid when HasOutput
	Error     *string // nil means absent (not empty)
	Cause     *string
	StartDate time.Time
	StopDate  time.Time // zero while open

	RedriveCount int32
	HasOutput    bool      // beside RedriveCount: the two share a word
	RedriveDate  time.Time // zero until the first redrive
	TraceHeader  string
}

// Open reports whether the execution is still running (RUNNING or PENDING_REDRIVE).
func (x *Execution) Open() bool {
	return x.Status == types.ExecutionStatusRunning || x.Status == types.ExecutionStatusPendingRedrive
}

// CanTransition reports whether the status may move from → to:
// RUNNING → SUCCEEDED | FAILED | TIMED_OUT | ABORTED;
// FAILED | TIMED_OUT | ABORTED → RUNNING | PENDING_REDRIVE (a redrive);
// PENDING_REDRIVE → RUNNING | ABORTED.
func CanTransition(from, to types.ExecutionStatus) bool {
	switch from {
	case types.ExecutionStatusRunning:
		return terminal(to)
	case types.ExecutionStatusFailed, types.ExecutionStatusTimedOut, types.ExecutionStatusAborted:
		return to == types.ExecutionStatusRunning || to == types.ExecutionStatusPendingRedrive
	case types.ExecutionStatusPendingRedrive:
		return to == types.ExecutionStatusRunning || to == types.ExecutionStatusAborted
	}
	return false
}

// terminal reports whether s is a closed status.
func terminal(s types.ExecutionStatus) bool {
	switch s {
	case types.ExecutionStatusSucceeded, types.ExecutionStatusFailed,
		types.ExecutionStatusTimedOut, types.ExecutionStatusAborted:
		return true
	}
	return false
}

// TransitionError reports a status change that [CanTransition] forbids, or
// that the method asked for it cannot make.
type TransitionError struct {
	From, To types.ExecutionStatus
}

// Error returns e.g. `execution status cannot move from SUCCEEDED to RUNNING`.
func (e *TransitionError) Error() string {
	return "execution status cannot move from " + string(e.From) + " to " + string(e.To)
}

// Close moves a running execution to a terminal status at time at, recording
// output (for SUCCEEDED) or error and cause (nil keeps them absent). It returns
// an error, changing nothing, when the transition is not allowed.
//
// A PENDING_REDRIVE execution may be closed as ABORTED. StopDate is at in
// UTC. Error and Cause are copied, so the caller's pointers are not kept; for
// SUCCEEDED they are cleared and errName and cause are ignored, and for the
// other statuses Output is cleared and output is ignored.
func (x *Execution) Close(status types.ExecutionStatus, at time.Time, output string, errName, cause *string) error {
	if !terminal(status) || !CanTransition(x.Status, status) {
		return &TransitionError{From: x.Status, To: status}
	}
	x.Status = status
	x.StopDate = at.UTC()
	if status == types.ExecutionStatusSucceeded {
		x.Output, x.HasOutput = output, true
		x.Error, x.Cause = nil, nil
		return nil
	}
	x.Output, x.HasOutput = "", false
	x.Error, x.Cause = clonePtr(errName), clonePtr(cause)
	return nil
}

// Reopen moves a closed execution back to RUNNING for a redrive at time at:
// redriveCount+1, redriveDate=at, and StopDate, Error, Cause and Output
// cleared while it runs (docs/decisions.md, "DescribeExecution while a redrive
// runs").
// It returns an error, changing nothing, when the transition is not allowed.
//
// Reopen also starts a PENDING_REDRIVE execution: its redrive happens now, so
// the count moves now (spec 1.6: redriveCount does not move for pending
// redrives). RedriveDate is at in UTC.
func (x *Execution) Reopen(at time.Time) error {
	if !CanTransition(x.Status, types.ExecutionStatusRunning) {
		return &TransitionError{From: x.Status, To: types.ExecutionStatusRunning}
	}
	x.Status = types.ExecutionStatusRunning
	x.RedriveCount++
	x.RedriveDate = at.UTC()
	x.StopDate = time.Time{}
	x.Output, x.HasOutput = "", false
	x.Error, x.Cause = nil, nil
	return nil
}

// PendRedrive moves a closed FAILED, TIMED_OUT or ABORTED execution to
// PENDING_REDRIVE: a Map Run redrive that cannot start this child yet because
// its concurrency is full (spec 2.3). Nothing else changes: redriveCount and
// redriveDate move when [Execution.Reopen] starts it, and its last run's
// stopDate, error, cause and output stay until then. It returns an error,
// changing nothing, when the transition is not allowed.
func (x *Execution) PendRedrive() error {
	if !terminal(x.Status) || !CanTransition(x.Status, types.ExecutionStatusPendingRedrive) {
		return &TransitionError{From: x.Status, To: types.ExecutionStatusPendingRedrive}
	}
	x.Status = types.ExecutionStatusPendingRedrive
	return nil
}

// Clone returns a deep copy of x: the copy shares no pointers with x.
func (x *Execution) Clone() *Execution {
	c := *x
	c.Error, c.Cause = clonePtr(x.Error), clonePtr(x.Cause)
	return &c
}

func clonePtr(p *string) *string {
	if p == nil {
		return nil
	}
	s := *p
	return &s
}
