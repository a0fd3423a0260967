// Package redrive decides whether an execution may be redriven, remembers the
// client tokens of successful redrives, and reads from a history what a
// redrive must resume.
package redrive

import (
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
	ReasonExpress                 // Express executions: see docs/decisions.md
)

// String returns the redriveStatusReason text; "" for ReasonNone.
func (r Reason) String() string { panic("TODO") }

// Launch is the first start date a redrivable execution may have: RedriveExecution
// launched on 2023-11-15 (spec 1.2 item 2).
var Launch = time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC)

// Period is the redrivable period after an execution closes (spec 1.2 item 4).
const Period = 14 * 24 * time.Hour

// MaxOpen is the one-year maximum execution time (spec 1.2 item 5).
const MaxOpen = 365 * 24 * time.Hour

// Subject is what Check needs to know about an execution.
type Subject struct {
	Type          types.StateMachineType
	Status        types.ExecutionStatus
	StartDate     time.Time
	StopDate      time.Time
	Events        int // events in its history now
	EventLimit    int // the history limit in force (history.DefaultLimit in production)
	MachineStatus types.StateMachineStatus
}

// Check returns ReasonNone if s may be redriven at now, else the first reason
// it may not.
func Check(s Subject, now time.Time) Reason { panic("TODO") }

// Status returns the redriveStatus DescribeExecution reports for reason r.
func Status(r Reason) types.ExecutionRedriveStatus { panic("TODO") }
