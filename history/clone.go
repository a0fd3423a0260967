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
	for _, m := range members {
		if d := m.get(&e); d != nil {
			m.clone(&out, d)
		}
	}
	return out
}

// cloneLogged is Clone for an event the log built: at most the member of its
// own type is set, so only that one is looked at.
func cloneLogged(e *types.HistoryEvent) types.HistoryEvent {
	out := *e
	out.Timestamp = ptr(e.Timestamp)
	if i := memberOf[e.Type]; i != noDetails {
		if d := members[i].get(e); d != nil {
			members[i].clone(&out, d)
		}
	}
	return out
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
