package asl

import "github.com/sfnmem/sfnmem/asl/intrinsic"

// Template is a payload template (Parameters, ResultSelector, ItemSelector):
// a JSON value in which object keys ending in ".$" take their value from a
// path into the input ("$..."), the context object ("$$..."), or an intrinsic
// function call ("States.Format(...)").
type Template struct {
	raw any
}

// Apply evaluates the template against input and the context object ctx and
// returns a new value; rnd serves States.UUID and States.MathRandom. It
// returns a new value (never aliasing input or ctx). A path that selects
// nothing, or an intrinsic that fails, gives a *RuntimeError.
func (t *Template) Apply(input, ctx any, rnd intrinsic.Rand) (any, error) { panic("TODO") }

// RuntimeError is an error raised while running a state, with the error name
// Retry and Catch match on (States.Runtime, States.IntrinsicFailure, ...) and
// a cause.
type RuntimeError struct {
	Name  string
	Cause string
}

func (e *RuntimeError) Error() string { return e.Name + ": " + e.Cause }

// Error names defined by the States Language.
const (
	ErrAll                    = "States.ALL"
	ErrTimeout                = "States.Timeout"
	ErrTaskFailed             = "States.TaskFailed"
	ErrPermissions            = "States.Permissions"
	ErrRuntime                = "States.Runtime"
	ErrDataLimitExceeded      = "States.DataLimitExceeded"
	ErrNoChoiceMatched        = "States.NoChoiceMatched"
	ErrIntrinsicFailure       = "States.IntrinsicFailure"
	ErrHeartbeatTimeout       = "States.HeartbeatTimeout"
	ErrBranchFailed           = "States.BranchFailed"
	ErrResultPathMatchFailure = "States.ResultPathMatchFailure"
	ErrParameterPathFailure   = "States.ParameterPathFailure"
	ErrItemReaderFailed       = "States.ItemReaderFailed"
	ErrResultWriterFailed     = "States.ResultWriterFailed"
	ErrExceedToleratedFailure = "States.ExceedToleratedFailureThreshold"
	ErrQueryEvaluationError   = "States.QueryEvaluationError"
)
