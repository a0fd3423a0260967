package history

import (
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Clone returns a deep copy of e: no pointer in the copy is shared with e.
// Every details member that is set is copied, whatever e's type.
func Clone(e types.HistoryEvent) types.HistoryEvent {
	return cloneWith(nil, e)
}

// cloneWith is Clone drawing the copies' strings, flags and times from cl
// (nil: one allocation each), so a page of events costs a few slabs rather
// than several allocations an event.
func cloneWith(cl *cloner, e types.HistoryEvent) types.HistoryEvent {
	out := e
	out.Timestamp = cp(cl, e.Timestamp)
	cloneMembers(cl, &out)
	return out
}

// cloner hands out copies of strings, data-details flags and times from
// slabs it allocates a block at a time.
type cloner struct {
	strs  []string
	flags []types.HistoryEventExecutionDataDetails
	times []time.Time
}

const slabSize = 64

func (cl *cloner) str(s string) *string {
	if len(cl.strs) == cap(cl.strs) {
		cl.strs = make([]string, 0, slabSize)
	}
	cl.strs = append(cl.strs, s)
	return &cl.strs[len(cl.strs)-1]
}

func (cl *cloner) flag(f types.HistoryEventExecutionDataDetails) *types.HistoryEventExecutionDataDetails {
	if len(cl.flags) == cap(cl.flags) {
		cl.flags = make([]types.HistoryEventExecutionDataDetails, 0, slabSize)
	}
	cl.flags = append(cl.flags, f)
	return &cl.flags[len(cl.flags)-1]
}

func (cl *cloner) time(t time.Time) *time.Time {
	if len(cl.times) == cap(cl.times) {
		cl.times = make([]time.Time, 0, slabSize)
	}
	cl.times = append(cl.times, t)
	return &cl.times[len(cl.times)-1]
}

// cloneMembers replaces every details member set in e with a deep copy. It
// is a plain function, not a loop over members, so that e does not escape
// to the heap.
func cloneMembers(cl *cloner, e *types.HistoryEvent) {
	if e.ActivityFailedEventDetails != nil {
		e.ActivityFailedEventDetails = cloneActivityFailed(cl, e.ActivityFailedEventDetails)
	}
	if e.ActivityScheduleFailedEventDetails != nil {
		e.ActivityScheduleFailedEventDetails = cloneActivityScheduleFailed(cl, e.ActivityScheduleFailedEventDetails)
	}
	if e.ActivityScheduledEventDetails != nil {
		e.ActivityScheduledEventDetails = cloneActivityScheduled(cl, e.ActivityScheduledEventDetails)
	}
	if e.ActivityStartedEventDetails != nil {
		e.ActivityStartedEventDetails = cloneActivityStarted(cl, e.ActivityStartedEventDetails)
	}
	if e.ActivitySucceededEventDetails != nil {
		e.ActivitySucceededEventDetails = cloneActivitySucceeded(cl, e.ActivitySucceededEventDetails)
	}
	if e.ActivityTimedOutEventDetails != nil {
		e.ActivityTimedOutEventDetails = cloneActivityTimedOut(cl, e.ActivityTimedOutEventDetails)
	}
	if e.EvaluationFailedEventDetails != nil {
		e.EvaluationFailedEventDetails = cloneEvaluationFailed(cl, e.EvaluationFailedEventDetails)
	}
	if e.ExecutionAbortedEventDetails != nil {
		e.ExecutionAbortedEventDetails = cloneExecutionAborted(cl, e.ExecutionAbortedEventDetails)
	}
	if e.ExecutionFailedEventDetails != nil {
		e.ExecutionFailedEventDetails = cloneExecutionFailed(cl, e.ExecutionFailedEventDetails)
	}
	if e.ExecutionRedrivenEventDetails != nil {
		e.ExecutionRedrivenEventDetails = cloneExecutionRedriven(cl, e.ExecutionRedrivenEventDetails)
	}
	if e.ExecutionStartedEventDetails != nil {
		e.ExecutionStartedEventDetails = cloneExecutionStarted(cl, e.ExecutionStartedEventDetails)
	}
	if e.ExecutionSucceededEventDetails != nil {
		e.ExecutionSucceededEventDetails = cloneExecutionSucceeded(cl, e.ExecutionSucceededEventDetails)
	}
	if e.ExecutionTimedOutEventDetails != nil {
		e.ExecutionTimedOutEventDetails = cloneExecutionTimedOut(cl, e.ExecutionTimedOutEventDetails)
	}
	if e.LambdaFunctionFailedEventDetails != nil {
		e.LambdaFunctionFailedEventDetails = cloneLambdaFunctionFailed(cl, e.LambdaFunctionFailedEventDetails)
	}
	if e.LambdaFunctionScheduleFailedEventDetails != nil {
		e.LambdaFunctionScheduleFailedEventDetails = cloneLambdaFunctionScheduleFailed(cl, e.LambdaFunctionScheduleFailedEventDetails)
	}
	if e.LambdaFunctionScheduledEventDetails != nil {
		e.LambdaFunctionScheduledEventDetails = cloneLambdaFunctionScheduled(cl, e.LambdaFunctionScheduledEventDetails)
	}
	if e.LambdaFunctionStartFailedEventDetails != nil {
		e.LambdaFunctionStartFailedEventDetails = cloneLambdaFunctionStartFailed(cl, e.LambdaFunctionStartFailedEventDetails)
	}
	if e.LambdaFunctionSucceededEventDetails != nil {
		e.LambdaFunctionSucceededEventDetails = cloneLambdaFunctionSucceeded(cl, e.LambdaFunctionSucceededEventDetails)
	}
	if e.LambdaFunctionTimedOutEventDetails != nil {
		e.LambdaFunctionTimedOutEventDetails = cloneLambdaFunctionTimedOut(cl, e.LambdaFunctionTimedOutEventDetails)
	}
	if e.MapIterationAbortedEventDetails != nil {
		e.MapIterationAbortedEventDetails = cloneMapIteration(cl, e.MapIterationAbortedEventDetails)
	}
	if e.MapIterationFailedEventDetails != nil {
		e.MapIterationFailedEventDetails = cloneMapIteration(cl, e.MapIterationFailedEventDetails)
	}
	if e.MapIterationStartedEventDetails != nil {
		e.MapIterationStartedEventDetails = cloneMapIteration(cl, e.MapIterationStartedEventDetails)
	}
	if e.MapIterationSucceededEventDetails != nil {
		e.MapIterationSucceededEventDetails = cloneMapIteration(cl, e.MapIterationSucceededEventDetails)
	}
	if e.MapRunFailedEventDetails != nil {
		e.MapRunFailedEventDetails = cloneMapRunFailed(cl, e.MapRunFailedEventDetails)
	}
	if e.MapRunRedrivenEventDetails != nil {
		e.MapRunRedrivenEventDetails = cloneMapRunRedriven(cl, e.MapRunRedrivenEventDetails)
	}
	if e.MapRunStartedEventDetails != nil {
		e.MapRunStartedEventDetails = cloneMapRunStarted(cl, e.MapRunStartedEventDetails)
	}
	if e.MapStateStartedEventDetails != nil {
		e.MapStateStartedEventDetails = cloneMapStateStarted(cl, e.MapStateStartedEventDetails)
	}
	if e.StateEnteredEventDetails != nil {
		e.StateEnteredEventDetails = cloneStateEntered(cl, e.StateEnteredEventDetails)
	}
	if e.StateExitedEventDetails != nil {
		e.StateExitedEventDetails = cloneStateExited(cl, e.StateExitedEventDetails)
	}
	if e.TaskFailedEventDetails != nil {
		e.TaskFailedEventDetails = cloneTaskFailed(cl, e.TaskFailedEventDetails)
	}
	if e.TaskScheduledEventDetails != nil {
		e.TaskScheduledEventDetails = cloneTaskScheduled(cl, e.TaskScheduledEventDetails)
	}
	if e.TaskStartFailedEventDetails != nil {
		e.TaskStartFailedEventDetails = cloneTaskStartFailed(cl, e.TaskStartFailedEventDetails)
	}
	if e.TaskStartedEventDetails != nil {
		e.TaskStartedEventDetails = cloneTaskStarted(cl, e.TaskStartedEventDetails)
	}
	if e.TaskSubmitFailedEventDetails != nil {
		e.TaskSubmitFailedEventDetails = cloneTaskSubmitFailed(cl, e.TaskSubmitFailedEventDetails)
	}
	if e.TaskSubmittedEventDetails != nil {
		e.TaskSubmittedEventDetails = cloneTaskSubmitted(cl, e.TaskSubmittedEventDetails)
	}
	if e.TaskSucceededEventDetails != nil {
		e.TaskSucceededEventDetails = cloneTaskSucceeded(cl, e.TaskSucceededEventDetails)
	}
	if e.TaskTimedOutEventDetails != nil {
		e.TaskTimedOutEventDetails = cloneTaskTimedOut(cl, e.TaskTimedOutEventDetails)
	}
}

// ptr returns a pointer to a copy of *p, or nil for nil.
// cp copies *p, from cl's slabs for the types it keeps.
func cp[T any](cl *cloner, p *T) *T {
	if p == nil {
		return nil
	}
	if cl != nil {
		switch v := any(p).(type) {
		case *string:
			return any(cl.str(*v)).(*T)
		case *types.HistoryEventExecutionDataDetails:
			return any(cl.flag(*v)).(*T)
		case *time.Time:
			return any(cl.time(*v)).(*T)
		}
	}
	x := *p
	return &x
}

func cloneActivityFailed(cl *cloner, d *types.ActivityFailedEventDetails) *types.ActivityFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneActivityScheduleFailed(cl *cloner, d *types.ActivityScheduleFailedEventDetails) *types.ActivityScheduleFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneActivityScheduled(cl *cloner, d *types.ActivityScheduledEventDetails) *types.ActivityScheduledEventDetails {
	x := *d
	x.Resource = cp(cl, d.Resource)
	x.HeartbeatInSeconds = cp(cl, d.HeartbeatInSeconds)
	x.Input = cp(cl, d.Input)
	x.InputDetails = cp(cl, d.InputDetails)
	x.TimeoutInSeconds = cp(cl, d.TimeoutInSeconds)
	return &x
}

func cloneActivityStarted(cl *cloner, d *types.ActivityStartedEventDetails) *types.ActivityStartedEventDetails {
	x := *d
	x.WorkerName = cp(cl, d.WorkerName)
	return &x
}

func cloneActivitySucceeded(cl *cloner, d *types.ActivitySucceededEventDetails) *types.ActivitySucceededEventDetails {
	x := *d
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneActivityTimedOut(cl *cloner, d *types.ActivityTimedOutEventDetails) *types.ActivityTimedOutEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneEvaluationFailed(cl *cloner, d *types.EvaluationFailedEventDetails) *types.EvaluationFailedEventDetails {
	x := *d
	x.State, x.Location = cp(cl, d.State), cp(cl, d.Location)
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneExecutionAborted(cl *cloner, d *types.ExecutionAbortedEventDetails) *types.ExecutionAbortedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneExecutionFailed(cl *cloner, d *types.ExecutionFailedEventDetails) *types.ExecutionFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneExecutionRedriven(cl *cloner, d *types.ExecutionRedrivenEventDetails) *types.ExecutionRedrivenEventDetails {
	x := *d
	x.RedriveCount = cp(cl, d.RedriveCount)
	return &x
}

func cloneExecutionStarted(cl *cloner, d *types.ExecutionStartedEventDetails) *types.ExecutionStartedEventDetails {
	x := *d
	x.Input, x.InputDetails = cp(cl, d.Input), cp(cl, d.InputDetails)
	x.RoleArn = cp(cl, d.RoleArn)
	x.StateMachineAliasArn = cp(cl, d.StateMachineAliasArn)
	x.StateMachineVersionArn = cp(cl, d.StateMachineVersionArn)
	return &x
}

func cloneExecutionSucceeded(cl *cloner, d *types.ExecutionSucceededEventDetails) *types.ExecutionSucceededEventDetails {
	x := *d
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneExecutionTimedOut(cl *cloner, d *types.ExecutionTimedOutEventDetails) *types.ExecutionTimedOutEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneLambdaFunctionFailed(cl *cloner, d *types.LambdaFunctionFailedEventDetails) *types.LambdaFunctionFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneLambdaFunctionScheduleFailed(cl *cloner, d *types.LambdaFunctionScheduleFailedEventDetails) *types.LambdaFunctionScheduleFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneLambdaFunctionScheduled(cl *cloner, d *types.LambdaFunctionScheduledEventDetails) *types.LambdaFunctionScheduledEventDetails {
	x := *d
	x.Resource = cp(cl, d.Resource)
	x.Input, x.InputDetails = cp(cl, d.Input), cp(cl, d.InputDetails)
	x.TaskCredentials = cloneTaskCredentials(cl, d.TaskCredentials)
	x.TimeoutInSeconds = cp(cl, d.TimeoutInSeconds)
	return &x
}

func cloneLambdaFunctionStartFailed(cl *cloner, d *types.LambdaFunctionStartFailedEventDetails) *types.LambdaFunctionStartFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneLambdaFunctionSucceeded(cl *cloner, d *types.LambdaFunctionSucceededEventDetails) *types.LambdaFunctionSucceededEventDetails {
	x := *d
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneLambdaFunctionTimedOut(cl *cloner, d *types.LambdaFunctionTimedOutEventDetails) *types.LambdaFunctionTimedOutEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneMapIteration(cl *cloner, d *types.MapIterationEventDetails) *types.MapIterationEventDetails {
	x := *d
	x.Name = cp(cl, d.Name)
	return &x
}

func cloneMapRunFailed(cl *cloner, d *types.MapRunFailedEventDetails) *types.MapRunFailedEventDetails {
	x := *d
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneMapRunRedriven(cl *cloner, d *types.MapRunRedrivenEventDetails) *types.MapRunRedrivenEventDetails {
	x := *d
	x.MapRunArn, x.RedriveCount = cp(cl, d.MapRunArn), cp(cl, d.RedriveCount)
	return &x
}

func cloneMapRunStarted(cl *cloner, d *types.MapRunStartedEventDetails) *types.MapRunStartedEventDetails {
	x := *d
	x.MapRunArn = cp(cl, d.MapRunArn)
	return &x
}

func cloneMapStateStarted(cl *cloner, d *types.MapStateStartedEventDetails) *types.MapStateStartedEventDetails {
	x := *d // Length is a value
	return &x
}

func cloneStateEntered(cl *cloner, d *types.StateEnteredEventDetails) *types.StateEnteredEventDetails {
	x := *d
	x.Name = cp(cl, d.Name)
	x.Input, x.InputDetails = cp(cl, d.Input), cp(cl, d.InputDetails)
	return &x
}

func cloneStateExited(cl *cloner, d *types.StateExitedEventDetails) *types.StateExitedEventDetails {
	x := *d
	x.Name = cp(cl, d.Name)
	x.AssignedVariables = maps.Clone(d.AssignedVariables)
	x.AssignedVariablesDetails = cp(cl, d.AssignedVariablesDetails)
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneTaskFailed(cl *cloner, d *types.TaskFailedEventDetails) *types.TaskFailedEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneTaskScheduled(cl *cloner, d *types.TaskScheduledEventDetails) *types.TaskScheduledEventDetails {
	x := *d
	x.Parameters, x.Region = cp(cl, d.Parameters), cp(cl, d.Region)
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.HeartbeatInSeconds = cp(cl, d.HeartbeatInSeconds)
	x.TaskCredentials = cloneTaskCredentials(cl, d.TaskCredentials)
	x.TimeoutInSeconds = cp(cl, d.TimeoutInSeconds)
	return &x
}

func cloneTaskStartFailed(cl *cloner, d *types.TaskStartFailedEventDetails) *types.TaskStartFailedEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneTaskStarted(cl *cloner, d *types.TaskStartedEventDetails) *types.TaskStartedEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	return &x
}

func cloneTaskSubmitFailed(cl *cloner, d *types.TaskSubmitFailedEventDetails) *types.TaskSubmitFailedEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneTaskSubmitted(cl *cloner, d *types.TaskSubmittedEventDetails) *types.TaskSubmittedEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneTaskSucceeded(cl *cloner, d *types.TaskSucceededEventDetails) *types.TaskSucceededEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Output, x.OutputDetails = cp(cl, d.Output), cp(cl, d.OutputDetails)
	return &x
}

func cloneTaskTimedOut(cl *cloner, d *types.TaskTimedOutEventDetails) *types.TaskTimedOutEventDetails {
	x := *d
	x.Resource, x.ResourceType = cp(cl, d.Resource), cp(cl, d.ResourceType)
	x.Error, x.Cause = cp(cl, d.Error), cp(cl, d.Cause)
	return &x
}

func cloneTaskCredentials(cl *cloner, d *types.TaskCredentials) *types.TaskCredentials {
	if d == nil {
		return nil
	}
	x := *d
	x.RoleArn = cp(cl, d.RoleArn)
	return &x
}
