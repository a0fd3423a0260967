// Package jsonpath evaluates JSONPath the way AWS Step Functions does (Jayway
// semantics): full JSONPath (filters, wildcards, "..", slices) for selecting
// values, and plain reference paths for placing them (ResultPath).
package jsonpath

// Query evaluates path against data. Definite paths (no wildcard, filter,
// slice, union or "..") return the single value they select; indefinite paths
// return a []any of every match (possibly empty). found is false when a
// definite path selects nothing. A malformed path is an error.
func Query(path string, data any) (value any, found bool, err error) { panic("TODO") }

// Validate checks that path is a syntactically valid JSONPath.
func Validate(path string) error { panic("TODO") }

// ValidateReference checks that path is a reference path: "$" followed only
// by ".name" and "['name']" and "[n]" steps, as ResultPath requires.
func ValidateReference(path string) error { panic("TODO") }

// Set returns a copy of data with value placed at the reference path,
// creating intermediate objects as needed ("$" replaces data entirely). It is
// an error to step through a value that is not an object (or array for [n]).
func Set(data any, path string, value any) (any, error) { panic("TODO") }
