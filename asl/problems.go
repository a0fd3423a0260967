package asl

import (
	"fmt"
	"strings"
)

// Problem codes, as AWS names them in InvalidDefinition messages.
const (
	CodeSchemaValidationFailed  = "SCHEMA_VALIDATION_FAILED"
	CodeMissingTransitionTarget = "MISSING_TRANSITION_TARGET"
	CodeMissingEndState         = "MISSING_END_STATE"
	CodeInvalidJSONDescription  = "INVALID_JSON_DESCRIPTION"
	CodeDuplicateStateName      = "DUPLICATE_STATE_NAME"
)

// Error formats the problems as AWS does:
// "Invalid State Machine Definition: 'CODE: message at location', ..."
func (e *DefinitionError) Error() string {
	items := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		items[i] = p.String()
	}
	return "Invalid State Machine Definition: '" + strings.Join(items, ", ") + "'"
}

// String formats one problem as "CODE: message at location". A problem with
// no location (AWS reports MISSING_END_STATE without one) ends "at null", as
// AWS's CreateStateMachine message does.
func (p Problem) String() string {
	loc := p.Location
	if loc == "" {
		loc = "null"
	}
	return p.Code + ": " + p.Message + " at " + loc
}

// problems collects validation problems in the order they are found.
type problems struct {
	list []Problem
}

func (ps *problems) add(code, loc, format string, args ...any) {
	ps.list = append(ps.list, Problem{Code: code, Message: fmt.Sprintf(format, args...), Location: loc})
}

func (ps *problems) schema(loc, format string, args ...any) {
	ps.add(CodeSchemaValidationFailed, loc, format, args...)
}

// child returns the location of field key inside the object at loc.
func child(loc, key string) string {
	return strings.TrimSuffix(loc, "/") + "/" + key
}

// index returns the location of element i of the array at loc, written the
// way AWS writes it ("/States/C/Choices[0]").
func index(loc string, i int) string {
	return fmt.Sprintf("%s[%d]", loc, i)
}
