// Package redrive models the rules of RedriveExecution that do not need an
// engine: whether an execution may be redriven at a given time and, if not,
// the redriveStatusReason DescribeExecution reports ([Check], [Reason],
// [Status]); which client tokens of successful redrives are still honoured
// ([Tokens]); and what a redrive resumes, read from the history as it stood
// when the execution closed ([PlanFrom], [PlanFromTop], [Redrives]).
//
// The package is pure: every function takes the time it needs as an argument
// and holds no clock, no lock and no package-level state. [Tokens] is not safe
// for concurrent use; the engine guards it with its own mutex.
//
// # What it models
//
// Eligibility follows spec sections 1.2 and 1.6 of redrive-semantics.md: a
// Standard execution of an ACTIVE state machine, not RUNNING and not
// SUCCEEDED, started on or after 2023-11-15, with room in its history for
// ExecutionRedriven plus one more event, open for at most a year, and closed
// for at most 14 days. Client tokens follow spec 1.3: the last 10 tokens that
// redrove an execution, each honoured for 15 minutes after its first use. The
// plan follows spec 1.4: a redrive resumes the state that has a
// <type>StateEntered event with no matching <type>StateExited event.
//
// # What it does not model
//
// It does not decide what happens inside a resumed Parallel or Map state
// (which branches, iterations or child executions run again), nor Map Run
// redrive counts and limits: those belong to the interpreter and to package
// maprun. It reads only top-level states, and it assumes the top level of a
// workflow runs one state at a time, as every Amazon States Language
// definition does. It does not build the ExecutionNotRedrivable error; the
// engine turns a [Reason] into one.
//
// # Decisions where AWS documentation is silent
//
// These are recorded in docs/decisions.md and each has a test:
//
//   - The 14-day period is 14×24 hours from StopDate (the most recent stop),
//     inclusive: an execution is still redrivable at exactly StopDate+14d and
//     expired one nanosecond later.
//   - The one-year maximum is 365×24 hours from the original StartDate,
//     inclusive, across redrives.
//   - The event limit allows a redrive while Events <= EventLimit-2 (24,998
//     of 25,000), leaving room for ExecutionRedriven and one more event.
//   - The launch date is inclusive: 2023-11-15T00:00:00Z is redrivable,
//     2023-11-14T23:59:59Z is not.
//   - PENDING_REDRIVE counts as RUNNING: such an execution is about to run and
//     is not redrivable.
//   - EXPRESS executions are not redrivable with the reason text
//     "Execution is EXPRESS and cannot be redriven"; AWS documents none.
//   - Check tests the reasons in the order of the Reason constants, so a
//     RUNNING execution of a DELETING machine reports DELETING, and EXPRESS is
//     reported only when no documented reason applies.
//   - A client token is honoured up to exactly 15 minutes after its first use,
//     and the empty token is never remembered. Remembering a token that is
//     still honoured keeps its first use; remembering an expired one replaces
//     it as the newest. A token is never held twice.
//   - A plan with nothing open (no open state, or an entered Succeed state)
//     still carries LastEvent.
//   - A plan's Input and EnteredID are those of the state's latest Entered
//     event: the original one when a redrive resumed the state without
//     emitting a new Entered event.
package redrive
