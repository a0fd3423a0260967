// Package jsonpath evaluates JSONPath the way AWS Step Functions does (Jayway
// semantics): full JSONPath (filters, wildcards, "..", slices) for selecting
// values, and plain reference paths for placing them (ResultPath).
package jsonpath

import (
	"errors"
	"fmt"
)

// Query evaluates path against data. Definite paths (no wildcard, filter,
// slice, union or "..") return the single value they select; indefinite paths
// return a []any of every match (possibly empty). found is false when a
// definite path selects nothing. A malformed path is an error.
//
// The returned value may share structure with data; callers must not mutate
// it (clone it with jsonv.Clone first if they need to).
func Query(path string, data any) (value any, found bool, err error) {
	p, err := compile(path)
	if err != nil {
		return nil, false, err
	}
	return p.query(data)
}

// IsDefinite reports whether path is a definite path: one that selects at most
// one value, so that Query returns that value rather than a list. A malformed
// path is an error.
func IsDefinite(path string) (bool, error) {
	p, err := compile(path)
	if err != nil {
		return false, err
	}
	return p.definite, nil
}

// Validate checks that path is a syntactically valid JSONPath.
func Validate(path string) error {
	_, err := compile(path)
	return err
}

// ValidateReference checks that path is a reference path: "$" followed only
// by ".name" and "['name']" and "[n]" steps, as ResultPath requires.
func ValidateReference(path string) error {
	_, err := compileReference(path)
	return err
}

// Set returns a copy of data with value placed at the reference path,
// creating intermediate objects as needed ("$" replaces data entirely). It is
// an error to step through a value that is not an object (or array for [n]).
//
// Set never mutates data or value: the objects and arrays along the path are
// copied, and everything else is shared with data and value.
func Set(data any, path string, value any) (any, error) {
	steps, err := compileReference(path)
	if err != nil {
		return nil, err
	}
	return set(data, steps, value, path)
}

// SyntaxError is a malformed JSONPath.
type SyntaxError struct {
	Path   string // the path as written
	Offset int    // byte offset of the problem in Path
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSONPath %q at offset %d: %s", e.Path, e.Offset, e.Msg)
}

// ErrNotReference is wrapped by the error ValidateReference and Set return for
// a path that is valid JSONPath but not a reference path.
var ErrNotReference = errors.New("not a reference path")

// SetError is the error Set returns when the path cannot be applied to the
// data: a step goes through a value that is not an object (or not an array,
// for an index step), or an index is out of range.
type SetError struct {
	Path string // the reference path
	Msg  string
}

func (e *SetError) Error() string {
	return fmt.Sprintf("cannot apply path %q: %s", e.Path, e.Msg)
}
