// Package history models an execution's event history: the append-only log of
// types.HistoryEvent values, paging through it in either order, and the
// invariants every history satisfies.
//
// # What it models
//
// A [Log] holds one execution's events as the SDK's own types.HistoryEvent.
// [Log.Append] numbers events densely from 1, checks that previousEventId
// names an earlier event, stores timestamps in UTC at millisecond
// [Precision] (API-HistEvent), and enforces the 25,000-event quota
// ([DefaultLimit], spec 1.2 item 6) by returning [ErrLimit].
//
// Each event type carries at most one details member. [DetailsField] names
// it and [Details] returns it. The pairing follows the SDK struct: every
// <State>StateEntered and <State>StateExited event uses
// stateEnteredEventDetails and stateExitedEventDetails, any other type T uses
// the member named TEventDetails when types.HistoryEvent has one, and the
// rest (for example ParallelStateStarted, MapStateSucceeded, TaskStateAborted,
// LambdaFunctionStarted, MapRunSucceeded) carry none.
//
// [Log.Page] serves GetExecutionHistory (API-GetHist): pages of at most 100
// events by default and 1000 at most, in id order or reverse, with opaque
// tokens that are refused (ErrInvalidToken) when corrupted, forged, issued
// by another log, or issued for the other direction. Pages are deep copies
// ([Clone]); with IncludeExecutionData false, the input and output strings
// and their inputDetails/outputDetails are left out.
//
// [Log.AppendText] stores the events an interpreter writes most (state
// Entered/Exited, task Scheduled/Succeeded, ExecutionStarted/Succeeded)
// as their data text plus a shared part, with no allocation of their own;
// they read exactly like the same events stored by Append.
//
// [Check] verifies the invariants of any history, after the pattern of
// testing/fstest.TestFS, so tests can run it after every engine operation.
//
// # Decisions (AWS documentation is silent)
//
//   - A nil details value for a type that has a details member stores an
//     empty struct, as AWS reports executionAbortedEventDetails: {} (spec 3.7 I).
//   - A timestamp earlier than the previous event's (a clock set back) is
//     raised to it, so a history's timestamps never decrease.
//   - IncludeExecutionData false drops only members named input or output and
//     their *Details: ExecutionStarted, ExecutionSucceeded, *StateEntered,
//     *StateExited, ActivityScheduled, ActivitySucceeded,
//     LambdaFunctionScheduled, LambdaFunctionSucceeded, TaskSubmitted and
//     TaskSucceeded. TaskScheduled's parameters (a required member) and
//     StateExited's assignedVariables stay.
//   - Tokens do not expire (AWS: 24 hours) and do not bind MaxResults or
//     IncludeExecutionData. They are bound to the log through its first
//     event, so two executions whose ExecutionStarted events are identical
//     (same millisecond, input and ARNs) accept each other's tokens, unless
//     [Log.Bind] gives each its own scope (the engine binds the ARN).
//
// # What it does not model
//
// The package knows nothing of state machines or their semantics: it does
// not check that events form a meaningful execution (that a TaskSucceeded
// follows a TaskStarted, say), and it does not truncate large inputs or set
// the truncated flags, which the API always reports as false.
package history
