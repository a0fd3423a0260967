package history

import (
	"maps"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Clone returns a deep copy of e: no pointer in the copy is shared with e.
// Every details member that is set is copied, whatever e's type.
func Clone(e types.HistoryEvent) types.HistoryEvent {
	out := e
	out.Timestamp = ptr(e.Timestamp)
	cloneMembers(&out)
	return out
}

// cloneMembers replaces every details member set in e with a deep copy. It
// is a plain function, not a loop over members, so that e does not escape
// to the heap.
func cloneMembers(e *types.HistoryEvent) {
	if e.ActivityFailedEventDetails != nil {
		e.ActivityFailedEventDetails = cloneActivityFailed(e.ActivityFailedEventDetails)
	}
	if e.ActivityScheduleFailedEventDetails != nil {
		e.ActivityScheduleFailedEventDetails = cloneActivityScheduleFailed(e.ActivityScheduleFailedEventDetails)
	}
	if e.ActivityScheduledEventDetails != nil {
		e.ActivityScheduledEventDetails = cloneActivityScheduled(e.ActivityScheduledEventDetails)
	}
	if e.ActivityStartedEventDetails != nil {
		e.ActivityStartedEventDetails = cloneActivityStarted(e.ActivityStartedEventDetails)
	}
	if e.ActivitySucceededEventDetails != nil {
		e.ActivitySucceededEventDetails = cloneActivitySucceeded(e.ActivitySucceededEventDetails)
	}
	if e.ActivityTimedOutEventDetails != nil {
		e.ActivityTimedOutEventDetails = cloneActivityTimedOut(e.ActivityTimedOutEventDetails)
	}
	if e.EvaluationFailedEventDetails != nil {
		e.EvaluationFailedEventDetails = cloneEvaluationFailed(e.EvaluationFailedEventDetails)
	}
	if e.ExecutionAbortedEventDetails != nil {
		e.ExecutionAbortedEventDetails = cloneExecutionAborted(e.ExecutionAbortedEventDetails)
	}
	if e.ExecutionFailedEventDetails != nil {
		e.ExecutionFailedEventDetails = cloneExecutionFailed(e.ExecutionFailedEventDetails)
	}
	if e.ExecutionRedrivenEventDetails != nil {
		e.ExecutionRedrivenEventDetails = cloneExecutionRedriven(e.ExecutionRedrivenEventDetails)
	}
	if e.ExecutionStartedEventDetails != nil {
		e.ExecutionStartedEventDetails = cloneExecutionStarted(e.ExecutionStartedEventDetails)
	}
	if e.ExecutionSucceededEventDetails != nil {
		e.ExecutionSucceededEventDetails = cloneExecutionSucceeded(e.ExecutionSucceededEventDetails)
	}
	if e.ExecutionTimedOutEventDetails != nil {
		e.ExecutionTimedOutEventDetails = cloneExecutionTimedOut(e.ExecutionTimedOutEventDetails)
	}
	if e.LambdaFunctionFailedEventDetails != nil {
		e.LambdaFunctionFailedEventDetails = cloneLambdaFunctionFailed(e.LambdaFunctionFailedEventDetails)
	}
	if e.LambdaFunctionScheduleFailedEventDetails != nil {
		e.LambdaFunctionScheduleFailedEventDetails = cloneLambdaFunctionScheduleFailed(e.LambdaFunctionScheduleFailedEventDetails)
	}
	if e.LambdaFunctionScheduledEventDetails != nil {
		e.LambdaFunctionScheduledEventDetails = cloneLambdaFunctionScheduled(e.LambdaFunctionScheduledEventDetails)
	}
	if e.LambdaFunctionStartFailedEventDetails != nil {
		e.LambdaFunctionStartFailedEventDetails = cloneLambdaFunctionStartFailed(e.LambdaFunctionStartFailedEventDetails)
	}
	if e.LambdaFunctionSucceededEventDetails != nil {
		e.LambdaFunctionSucceededEventDetails = cloneLambdaFunctionSucceeded(e.LambdaFunctionSucceededEventDetails)
	}
	if e.LambdaFunctionTimedOutEventDetails != nil {
		e.LambdaFunctionTimedOutEventDetails = cloneLambdaFunctionTimedOut(e.LambdaFunctionTimedOutEventDetails)
	}
	if e.MapIterationAbortedEventDetails != nil {
		e.MapIterationAbortedEventDetails = cloneMapIteration(e.MapIterationAbortedEventDetails)
	}
	if e.MapIterationFailedEventDetails != nil {
		e.MapIterationFailedEventDetails = cloneMapIteration(e.MapIterationFailedEventDetails)
	}
	if e.MapIterationStartedEventDetails != nil {
		e.MapIterationStartedEventDetails = cloneMapIteration(e.MapIterationStartedEventDetails)
	}
	if e.MapIterationSucceededEventDetails != nil {
		e.MapIterationSucceededEventDetails = cloneMapIteration(e.MapIterationSucceededEventDetails)
	}
	if e.MapRunFailedEventDetails != nil {
		e.MapRunFailedEventDetails = cloneMapRunFailed(e.MapRunFailedEventDetails)
	}
	if e.MapRunRedrivenEventDetails != nil {
		e.MapRunRedrivenEventDetails = cloneMapRunRedriven(e.MapRunRedrivenEventDetails)
	}
	if e.MapRunStartedEventDetails != nil {
		e.MapRunStartedEventDetails = cloneMapRunStarted(e.MapRunStartedEventDetails)
	}
	if e.MapStateStartedEventDetails != nil {
		e.MapStateStartedEventDetails = cloneMapStateStarted(e.MapStateStartedEventDetails)
	}
	if e.StateEnteredEventDetails != nil {
		e.StateEnteredEventDetails = cloneStateEntered(e.StateEnteredEventDetails)
	}
	if e.StateExitedEventDetails != nil {
		e.StateExitedEventDetails = cloneStateExited(e.StateExitedEventDetails)
	}
	if e.TaskFailedEventDetails != nil {
		e.TaskFailedEventDetails = cloneTaskFailed(e.TaskFailedEventDetails)
	}
	if e.TaskScheduledEventDetails != nil {
		e.TaskScheduledEventDetails = cloneTaskScheduled(e.TaskScheduledEventDetails)
	}
	if e.TaskStartFailedEventDetails != nil {
		e.TaskStartFailedEventDetails = cloneTaskStartFailed(e.TaskStartFailedEventDetails)
	}
	if e.TaskStartedEventDetails != nil {
		e.TaskStartedEventDetails = cloneTaskStarted(e.TaskStartedEventDetails)
	}
	if e.TaskSubmitFailedEventDetails != nil {
		e.TaskSubmitFailedEventDetails = cloneTaskSubmitFailed(e.TaskSubmitFailedEventDetails)
	}
	if e.TaskSubmittedEventDetails != nil {
		e.TaskSubmittedEventDetails = cloneTaskSubmitted(e.TaskSubmittedEventDetails)
	}
	if e.TaskSucceededEventDetails != nil {
		e.TaskSucceededEventDetails = cloneTaskSucceeded(e.TaskSucceededEventDetails)
	}
	if e.TaskTimedOutEventDetails != nil {
		e.TaskTimedOutEventDetails = cloneTaskTimedOut(e.TaskTimedOutEventDetails)
	}
}

// ptr returns a pointer to a copy of *p, or nil for nil.
func ptr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	c := *p
	return &c
}

func cloneActivityFailed(d *types.ActivityFailedEventDetails) *types.ActivityFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneActivityScheduleFailed(d *types.ActivityScheduleFailedEventDetails) *types.ActivityScheduleFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneActivityScheduled(d *types.ActivityScheduledEventDetails) *types.ActivityScheduledEventDetails {
	c := *d
	c.Resource = ptr(d.Resource)
	c.HeartbeatInSeconds = ptr(d.HeartbeatInSeconds)
	c.Input = ptr(d.Input)
	c.InputDetails = ptr(d.InputDetails)
	c.TimeoutInSeconds = ptr(d.TimeoutInSeconds)
	return &c
}

func cloneActivityStarted(d *types.ActivityStartedEventDetails) *types.ActivityStartedEventDetails {
	c := *d
	c.WorkerName = ptr(d.WorkerName)
	return &c
}

func cloneActivitySucceeded(d *types.ActivitySucceededEventDetails) *types.ActivitySucceededEventDetails {
	c := *d
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneActivityTimedOut(d *types.ActivityTimedOutEventDetails) *types.ActivityTimedOutEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneEvaluationFailed(d *types.EvaluationFailedEventDetails) *types.EvaluationFailedEventDetails {
	c := *d
	c.State, c.Location = ptr(d.State), ptr(d.Location)
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneExecutionAborted(d *types.ExecutionAbortedEventDetails) *types.ExecutionAbortedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneExecutionFailed(d *types.ExecutionFailedEventDetails) *types.ExecutionFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneExecutionRedriven(d *types.ExecutionRedrivenEventDetails) *types.ExecutionRedrivenEventDetails {
	c := *d
	c.RedriveCount = ptr(d.RedriveCount)
	return &c
}

func cloneExecutionStarted(d *types.ExecutionStartedEventDetails) *types.ExecutionStartedEventDetails {
	c := *d
	c.Input, c.InputDetails = ptr(d.Input), ptr(d.InputDetails)
	c.RoleArn = ptr(d.RoleArn)
	c.StateMachineAliasArn = ptr(d.StateMachineAliasArn)
	c.StateMachineVersionArn = ptr(d.StateMachineVersionArn)
	return &c
}

func cloneExecutionSucceeded(d *types.ExecutionSucceededEventDetails) *types.ExecutionSucceededEventDetails {
	c := *d
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneExecutionTimedOut(d *types.ExecutionTimedOutEventDetails) *types.ExecutionTimedOutEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneLambdaFunctionFailed(d *types.LambdaFunctionFailedEventDetails) *types.LambdaFunctionFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneLambdaFunctionScheduleFailed(d *types.LambdaFunctionScheduleFailedEventDetails) *types.LambdaFunctionScheduleFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneLambdaFunctionScheduled(d *types.LambdaFunctionScheduledEventDetails) *types.LambdaFunctionScheduledEventDetails {
	c := *d
	c.Resource = ptr(d.Resource)
	c.Input, c.InputDetails = ptr(d.Input), ptr(d.InputDetails)
	c.TaskCredentials = cloneTaskCredentials(d.TaskCredentials)
	c.TimeoutInSeconds = ptr(d.TimeoutInSeconds)
	return &c
}

func cloneLambdaFunctionStartFailed(d *types.LambdaFunctionStartFailedEventDetails) *types.LambdaFunctionStartFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneLambdaFunctionSucceeded(d *types.LambdaFunctionSucceededEventDetails) *types.LambdaFunctionSucceededEventDetails {
	c := *d
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneLambdaFunctionTimedOut(d *types.LambdaFunctionTimedOutEventDetails) *types.LambdaFunctionTimedOutEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneMapIteration(d *types.MapIterationEventDetails) *types.MapIterationEventDetails {
	c := *d
	c.Name = ptr(d.Name)
	return &c
}

func cloneMapRunFailed(d *types.MapRunFailedEventDetails) *types.MapRunFailedEventDetails {
	c := *d
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneMapRunRedriven(d *types.MapRunRedrivenEventDetails) *types.MapRunRedrivenEventDetails {
	c := *d
	c.MapRunArn, c.RedriveCount = ptr(d.MapRunArn), ptr(d.RedriveCount)
	return &c
}

func cloneMapRunStarted(d *types.MapRunStartedEventDetails) *types.MapRunStartedEventDetails {
	c := *d
	c.MapRunArn = ptr(d.MapRunArn)
	return &c
}

func cloneMapStateStarted(d *types.MapStateStartedEventDetails) *types.MapStateStartedEventDetails {
	c := *d // Length is a value
	return &c
}

func cloneStateEntered(d *types.StateEnteredEventDetails) *types.StateEnteredEventDetails {
	c := *d
	c.Name = ptr(d.Name)
	c.Input, c.InputDetails = ptr(d.Input), ptr(d.InputDetails)
	return &c
}

func cloneStateExited(d *types.StateExitedEventDetails) *types.StateExitedEventDetails {
	c := *d
	c.Name = ptr(d.Name)
	c.AssignedVariables = maps.Clone(d.AssignedVariables)
	c.AssignedVariablesDetails = ptr(d.AssignedVariablesDetails)
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneTaskFailed(d *types.TaskFailedEventDetails) *types.TaskFailedEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneTaskScheduled(d *types.TaskScheduledEventDetails) *types.TaskScheduledEventDetails {
	c := *d
	c.Parameters, c.Region = ptr(d.Parameters), ptr(d.Region)
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.HeartbeatInSeconds = ptr(d.HeartbeatInSeconds)
	c.TaskCredentials = cloneTaskCredentials(d.TaskCredentials)
	c.TimeoutInSeconds = ptr(d.TimeoutInSeconds)
	return &c
}

func cloneTaskStartFailed(d *types.TaskStartFailedEventDetails) *types.TaskStartFailedEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneTaskStarted(d *types.TaskStartedEventDetails) *types.TaskStartedEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	return &c
}

func cloneTaskSubmitFailed(d *types.TaskSubmitFailedEventDetails) *types.TaskSubmitFailedEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneTaskSubmitted(d *types.TaskSubmittedEventDetails) *types.TaskSubmittedEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneTaskSucceeded(d *types.TaskSucceededEventDetails) *types.TaskSucceededEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Output, c.OutputDetails = ptr(d.Output), ptr(d.OutputDetails)
	return &c
}

func cloneTaskTimedOut(d *types.TaskTimedOutEventDetails) *types.TaskTimedOutEventDetails {
	c := *d
	c.Resource, c.ResourceType = ptr(d.Resource), ptr(d.ResourceType)
	c.Error, c.Cause = ptr(d.Error), ptr(d.Cause)
	return &c
}

func cloneTaskCredentials(d *types.TaskCredentials) *types.TaskCredentials {
	if d == nil {
		return nil
	}
	c := *d
	c.RoleArn = ptr(d.RoleArn)
	return &c
}
