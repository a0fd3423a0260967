// Package sfnmem is AWS Step Functions in memory: an embeddable engine that
// runs real Amazon States Language definitions against Go task handlers and a
// controllable clock, and models redrive exactly as AWS documents it.
//
// An [*Engine] has the methods of the aws-sdk-go-v2 [sfn.Client] with the
// same signatures, so code written against an interface over the client (or
// the SDK paginators) takes an Engine unchanged:
//
//	clk := clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
//	e := sfnmem.New(sfnmem.WithClock(clk))
//	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge", charge)
//	sm, _ := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{...})
//	out, _ := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
//
// Errors are the SDK's typed errors (for example *types.ExecutionNotRedrivable)
// wrapped in *smithy.OperationError as the real client returns them, so
// errors.As works as it does against AWS.
//
// # Progress and time
//
// Nothing runs in the background. StartExecution, RedriveExecution,
// StopExecution and the SendTask* methods return after every execution they
// touched has run as far as it can without time passing; task handlers are
// called synchronously, without the engine's lock held, so a handler may call
// the engine. Wait states, retry intervals, timeouts and heartbeats are timers
// on the engine's clock: with a [clock.Fake], Advance fires them in time order
// before it returns. The same definitions, inputs, handlers, seed and clock
// moves produce the same histories, byte for byte.
//
// # Redrive
//
// RedriveExecution re-opens a FAILED, TIMED_OUT or ABORTED Standard execution
// (same ARN, definition and input), appends ExecutionRedriven, and resumes
// from the state that was entered and not exited: a Task is scheduled again
// with fresh retry counters and timeout, a Fail state fails again, a Choice is
// evaluated again, a Wait whose timestamp has passed exits at once. States
// that succeeded keep their results and are not run again. DescribeExecution's
// redriveStatus and redriveStatusReason come from the same rule that
// RedriveExecution applies (package redrive), so the two never disagree.
//
// # Scope and limitations
//
//   - Implemented: state machines (create, describe, list, update, delete),
//     versions and aliases, executions (start, stop, describe, list),
//     histories, the task-token callbacks, RedriveExecution, and Map Runs
//     (describe, list, update), for every state type: Pass, Task, Choice,
//     Wait, Succeed, Fail, Parallel, inline Map and Distributed Map.
//   - A redriven Parallel or Map re-runs only the branches and iterations
//     that did not succeed; a redriven Distributed Map redrives its Map Run.
//   - Distributed Map ItemReader and ResultWriter use an in-memory object
//     store on the engine ([Engine.PutObject], [Engine.GetObject]).
//   - [Engine.Snapshot] and [Engine.Restore] carry the whole engine (machines,
//     executions and their histories, interpreter state, Map Runs, client
//     tokens, objects, pending timers) across a restart; task handlers are Go
//     functions and must be registered again.
//   - Not modelled: activities' GetActivityTask, JSONata, variables,
//     CloudWatch logging, KMS, and the 90-day retention of closed
//     executions.
//   - JSON numbers are kept as int64 or float64: a number written 1.0 comes
//     back as 1, and object keys come back sorted.
//   - Where AWS documents nothing, the choice made is written in
//     docs/decisions.md and tested.
package sfnmem
