package maprun

// Error names a Distributed Map failure the way the States Language does:
// the interpreter turns it into a MapRunFailed/MapStateFailed pair with
// Name as the error and Cause as the cause.
type Error struct {
	Name  string // e.g. [ErrItemReaderFailed]
	Cause string
}

// Error returns "<Name>: <Cause>".
func (e *Error) Error() string { return e.Name + ": " + e.Cause }

// The error names the Distributed Map raises (spec 2.1, 2.5; aws-recorded 3.7 H).
const (
	ErrItemReaderFailed                = "States.ItemReaderFailed"
	ErrResultWriterFailed              = "States.ResultWriterFailed"
	ErrExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
	ErrRuntime                         = "States.Runtime"
)

func readerError(cause string) *Error { return &Error{Name: ErrItemReaderFailed, Cause: cause} }
