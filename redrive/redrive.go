package redrive

import (
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Reason says why an execution is not redrivable; ReasonNone means it is.
// Its String is the documented redriveStatusReason text (spec 1.6).
type Reason int

// Reasons, in the order Check tests them.
const (
	ReasonNone             Reason = iota
	ReasonDeleting                // "State machine is in DELETING status"
	ReasonRunning                 // "Execution is RUNNING and cannot be redriven"
	ReasonSucceeded               // "Execution is SUCCEEDED and cannot be redriven"
	ReasonBeforeLaunch            // "Execution was started before the launch of RedriveExecution"
	ReasonEventLimit              // "Execution history event limit exceeded"
	ReasonMaxExecutionTime        // "Execution has exceeded the max execution time"
	ReasonExpired                 // "Execution redrivable period exceeded"
	ReasonExpress                 // "Execution is EXPRESS and cannot be redriven" (not documented by AWS; see docs/decisions.md)
)

// String returns the redriveStatusReason text; "" for ReasonNone. Every text
// but ReasonExpress's is AWS's, as DescribeExecution documents it (spec 1.6).
func (r Reason) String() string {
	switch r {
	case ReasonNone:
		return ""
	case ReasonDeleting:
		return "State machine is in DELETING status"
	case ReasonRunning:
		return "Execution is RUNNING and cannot be redriven"
	case ReasonSucceeded:
		return "Execution is SUCCEEDED and cannot be redriven"
	case ReasonBeforeLaunch:
		return "Execution was started before the launch of RedriveExecution"
	case ReasonEventLimit:
		return "Execution history event limit exceeded"
	case ReasonMaxExecutionTime:
		return "Execution has exceeded the max execution time"
	case ReasonExpired:
		return "Execution redrivable period exceeded"
	case ReasonExpress:
		// AWS documents no text for Express executions (spec 1.5); this one
		// follows the pattern of the RUNNING and SUCCEEDED texts.
		return "Execution is EXPRESS and cannot be redriven"
	}
	return "redrive.Reason(" + strconv.Itoa(int(r)) + ")"
}

// Launch is the first start date a redrivable execution may have: RedriveExecution
// launched on 2023-11-15 (spec 1.2 item 2).
var Launch = time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC)

// Period is the redrivable period after an execution closes (spec 1.2 item 4).
const Period = 14 * 24 * time.Hour

// MaxOpen is the one-year maximum execution time (spec 1.2 item 5).
const MaxOpen = 365 * 24 * time.Hour

// DefaultEventLimit is the history limit Check uses when Subject.EventLimit is
// 0 or less: the 25,000-event hard quota (spec 1.2 item 6), the same value as
// history.DefaultLimit.
const DefaultEventLimit = 25000

// Subject is what Check needs to know about an execution.
type Subject struct {
	Type          types.StateMachineType // "" counts as STANDARD
	Status        types.ExecutionStatus
	StartDate     time.Time // the original start, kept across redrives
	StopDate      time.Time // the most recent stop
	Events        int       // events in its history now
	EventLimit    int       // the history limit in force (history.DefaultLimit in production); <= 0 means DefaultEventLimit
	MachineStatus types.StateMachineStatus
}

// Check returns ReasonNone if s may be redriven at now, else the first reason
// it may not, testing the reasons in the order of their constants:
//
//   - ReasonDeleting: the state machine is DELETING;
//   - ReasonRunning: the execution is RUNNING or PENDING_REDRIVE;
//   - ReasonSucceeded: the execution SUCCEEDED;
//   - ReasonBeforeLaunch: it started before [Launch];
//   - ReasonEventLimit: its history has more than EventLimit-2 events, so no
//     room for ExecutionRedriven plus one more event;
//   - ReasonMaxExecutionTime: more than [MaxOpen] has passed since StartDate;
//   - ReasonExpired: more than [Period] has passed since StopDate;
//   - ReasonExpress: it is an EXPRESS execution.
//
// Both windows are inclusive: an execution exactly Period after its stop, or
// exactly MaxOpen after its start, is still redrivable. The conditions are
// AWS's (https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html,
// spec 1.2); the boundaries and the order are ours (see the package doc).
func Check(s Subject, now time.Time) Reason {
	limit := s.EventLimit
	if limit <= 0 {
		limit = DefaultEventLimit
	}
	switch {
	case s.MachineStatus == types.StateMachineStatusDeleting:
		return ReasonDeleting
	case s.Status == types.ExecutionStatusRunning, s.Status == types.ExecutionStatusPendingRedrive:
		return ReasonRunning
	case s.Status == types.ExecutionStatusSucceeded:
		return ReasonSucceeded
	case s.StartDate.Before(Launch):
		return ReasonBeforeLaunch
	case s.Events > limit-2:
		return ReasonEventLimit
	case now.Sub(s.StartDate) > MaxOpen:
		return ReasonMaxExecutionTime
	case now.Sub(s.StopDate) > Period:
		return ReasonExpired
	case s.Type == types.StateMachineTypeExpress:
		return ReasonExpress
	}
	return ReasonNone
}

// Status returns the redriveStatus DescribeExecution reports for reason r:
// REDRIVABLE for ReasonNone, NOT_REDRIVABLE for every other reason.
func Status(r Reason) types.ExecutionRedriveStatus {
	if r == ReasonNone {
		return types.ExecutionRedriveStatusRedrivable
	}
	return types.ExecutionRedriveStatusNotRedrivable
}
