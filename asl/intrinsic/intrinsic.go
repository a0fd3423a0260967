// Package intrinsic evaluates the States Language intrinsic functions
// (States.Format, States.StringToJson, States.Array, States.Hash, ...).
package intrinsic

// Rand supplies randomness for States.MathRandom and States.UUID, so an
// engine can make them deterministic.
type Rand interface {
	// Int64N returns a uniformly random int64 in [0, n).
	Int64N(n int64) int64
	// UUID returns a version-4 UUID string.
	UUID() string
}

// IsCall reports whether s looks like an intrinsic function call ("States.X(...)").
func IsCall(s string) bool { panic("TODO") }

// Validate parses s without evaluating it (for definition validation).
func Validate(s string) error { panic("TODO") }

// Eval evaluates the call s. Path arguments ("$.x", "$$.x") read input or ctx.
// Failures are *Error values named States.IntrinsicFailure (or
// States.Runtime for paths that select nothing).
func Eval(s string, input, ctx any, rnd Rand) (any, error) { panic("TODO") }

// Error is an evaluation failure with its States error name.
type Error struct {
	Name  string
	Cause string
}

func (e *Error) Error() string { return e.Name + ": " + e.Cause }
