package asl

import (
	"encoding/json"
	"strings"

	"github.com/sfnmem/sfnmem/asl/jsonpath"
)

// fields reads the typed fields of one definition object, reporting a problem
// for every field of the wrong type.
type fields struct {
	ps  *problems
	o   *object
	loc string
}

func (f fields) has(k string) bool {
	_, ok := f.o.Vals[k]
	return ok
}

// supported reports every field of the object that is not in allowed. Fields
// that exist only in the JSONata query language, and workflow variables, get
// their own messages.
func (f fields) supported(allowed ...string) {
	for _, k := range f.o.Keys {
		if contains(allowed, k) {
			continue
		}
		switch k {
		case "Arguments", "Output", "Items", "Condition":
			f.ps.schema(f.loc, "The QueryLanguage is set to 'JSONPath', but field '%s' is only supported for the 'JSONata' QueryLanguage", k)
		case "Assign":
			f.ps.schema(f.loc, "Field 'Assign' is not supported by sfnmem: workflow variables are not modelled")
		default:
			f.ps.schema(f.loc, "Field '%s' is not supported", k)
		}
	}
}

// required reports the fields of names that are absent, in one problem.
func (f fields) required(names ...string) bool {
	var missing []string
	for _, n := range names {
		if !f.has(n) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		f.ps.schema(f.loc, "These fields are required: [%s]", strings.Join(missing, ", "))
		return false
	}
	return true
}

// exclusive reports a and b both present.
func (f fields) exclusive(a, b string) bool {
	if f.has(a) && f.has(b) {
		f.ps.schema(f.loc, "Fields '%s' and '%s' are mutually exclusive", a, b)
		return false
	}
	return true
}

func (f fields) str(k string) (string, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return "", false
	}
	s, isStr := v.(string)
	if !isStr {
		f.ps.schema(child(f.loc, k), "Field '%s' must be a string", k)
		return "", false
	}
	return s, true
}

// target reads a transition field (StartAt, Next, Default). An empty name
// can never match a state (names have 1 to 80 characters), so it is reported
// as a missing target at once.
func (f fields) target(k string) string {
	s, ok := f.str(k)
	if ok && s == "" {
		// AWS names every transition 'Next' in this message, Default included.
		name := "Next"
		if k == "StartAt" {
			name = k
		}
		f.ps.add(CodeMissingTransitionTarget, child(f.loc, k), "Missing '%s' target: ", name)
	}
	return s
}

func (f fields) boolean(k string) (bool, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.ps.schema(child(f.loc, k), "Field '%s' must be a boolean", k)
		return false, false
	}
	return b, true
}

// integer reads an integer field that must lie in [lo, hi].
func (f fields) integer(k string, lo, hi int64) (*int64, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return nil, false
	}
	n, isNum := v.(json.Number)
	var i int64
	var err error
	if isNum {
		i, err = n.Int64()
	}
	if !isNum || err != nil {
		f.ps.schema(child(f.loc, k), "Field '%s' must be an integer", k)
		return nil, false
	}
	if i < lo || i > hi {
		f.ps.schema(child(f.loc, k), "Field '%s' must be between %d and %d", k, lo, hi)
		return nil, false
	}
	return &i, true
}

// number reads a numeric field that must lie in [lo, hi].
func (f fields) number(k string, lo, hi float64) (*float64, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return nil, false
	}
	n, isNum := v.(json.Number)
	var x float64
	var err error
	if isNum {
		x, err = n.Float64()
	}
	if !isNum || err != nil {
		f.ps.schema(child(f.loc, k), "Field '%s' must be a number", k)
		return nil, false
	}
	if x < lo || x > hi {
		f.ps.schema(child(f.loc, k), "Field '%s' must be between %g and %g", k, lo, hi)
		return nil, false
	}
	return &x, true
}

func (f fields) obj(k string) (*object, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return nil, false
	}
	o, isObj := v.(*object)
	if !isObj {
		f.ps.schema(child(f.loc, k), "Field '%s' must be an object", k)
		return nil, false
	}
	return o, true
}

func (f fields) array(k string) ([]any, bool) {
	v, ok := get(f.o, k)
	if !ok {
		return nil, false
	}
	a, isArr := v.([]any)
	if !isArr {
		f.ps.schema(child(f.loc, k), "Field '%s' must be an array", k)
		return nil, false
	}
	return a, true
}

// path reads a Path field (InputPath, OutputPath, ItemsPath): a JSONPath into
// the input or, starting "$$", the context object; or null when nullable.
func (f fields) path(k string, nullable bool) Path {
	return f.pathWith(k, nullable, validPath, "JSONPath")
}

// refPath reads a reference path field (ResultPath): null allowed.
func (f fields) refPath(k string) Path {
	return f.pathWith(k, true, validReference, "ReferencePath")
}

func (f fields) pathWith(k string, nullable bool, valid func(string) bool, what string) Path {
	v, ok := get(f.o, k)
	if !ok {
		return Path{}
	}
	if v == nil && nullable {
		return Path{Set: true, Null: true}
	}
	s, isStr := v.(string)
	if !isStr || !valid(s) {
		f.ps.schema(child(f.loc, k), "The value for the field '%s' must be a valid %s", k, what)
		return Path{}
	}
	return Path{Set: true, Value: s}
}

// pathString reads a string field whose value must be a JSONPath
// (SecondsPath, TimeoutSecondsPath, MaxConcurrencyPath, ...).
func (f fields) pathString(k string) string {
	p := f.pathWith(k, false, validPath, "JSONPath")
	return p.Value
}

// validPath reports whether s is a JSONPath into the input ("$...") or into
// the context object ("$$...").
func validPath(s string) bool {
	q, ok := contextRelative(s)
	if !ok {
		q = s
	}
	return jsonpath.Validate(q) == nil
}

// validReference reports whether s is a reference path (ResultPath).
func validReference(s string) bool {
	return jsonpath.ValidateReference(s) == nil
}

// contextRelative rewrites a context-object path "$$.x" as "$.x" for
// evaluation against the context object; ok is false for an input path.
func contextRelative(p string) (string, bool) {
	if strings.HasPrefix(p, "$$") {
		return p[1:], true
	}
	return p, false
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
