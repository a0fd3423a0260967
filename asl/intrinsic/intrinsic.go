// Package intrinsic evaluates the States Language intrinsic functions
// (States.Format, States.StringToJson, States.Array, States.Hash, ...).
package intrinsic

import (
	"strings"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Rand supplies randomness for States.MathRandom and States.UUID, so an
// engine can make them deterministic.
type Rand interface {
	// Int64N returns a uniformly random int64 in [0, n).
	Int64N(n int64) int64
	// UUID returns a version-4 UUID string.
	UUID() string
}

// Error names used by this package.
const (
	ErrIntrinsicFailure = "States.IntrinsicFailure"
	ErrRuntime          = "States.Runtime"
)

// MaxNesting is how deeply intrinsic calls may nest within one field (the
// outermost call counts as one).
const MaxNesting = 10

// IsCall reports whether s looks like an intrinsic function call ("States.X(...)").
// It does not check the arguments; Validate does.
func IsCall(s string) bool {
	if !strings.HasPrefix(s, "States.") {
		return false
	}
	i := len("States.")
	for i < len(s) && isIdentByte(s[i]) {
		i++
	}
	return i > len("States.") && i < len(s) && s[i] == '('
}

// Validate parses s without evaluating it (for definition validation). It
// reports syntax errors, unknown function names, wrong argument counts, a
// States.JsonToString argument that is not a path, malformed path arguments
// and nesting deeper than MaxNesting.
func Validate(s string) error {
	_, err := compile(s)
	return err
}

// Eval evaluates the call s. Path arguments ("$.x", "$$.x") read input or ctx.
// Failures are *Error values named States.IntrinsicFailure (or
// States.Runtime for paths that select nothing).
//
// The result never aliases input or ctx. A nil rnd uses math/rand/v2's
// global source, which is not deterministic.
func Eval(s string, input, ctx any, rnd Rand) (any, error) {
	c, err := compile(s)
	if err != nil {
		return nil, &Error{Name: ErrIntrinsicFailure, Cause: err.Error()}
	}
	if rnd == nil {
		rnd = globalRand{}
	}
	v, err := c.eval(&env{input: input, ctx: ctx, rnd: rnd})
	if err != nil {
		return nil, err
	}
	return jsonv.Clone(v), nil
}

// Error is an evaluation failure with its States error name.
type Error struct {
	Name  string
	Cause string
}

func (e *Error) Error() string { return e.Name + ": " + e.Cause }

// SyntaxError is an intrinsic call that cannot be parsed or is invalid as
// written (unknown function, wrong argument count).
type SyntaxError struct {
	Call   string // the call as written
	Offset int    // byte offset of the problem in Call
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "invalid intrinsic function call " + quote(e.Call) + ": " + e.Msg
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return "'" + s + "'"
}
