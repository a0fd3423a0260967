package asl

import (
	"errors"
	"sort"
	"strings"

	"github.com/sfnmem/sfnmem/asl/intrinsic"
	"github.com/sfnmem/sfnmem/asl/jsonpath"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Template is a payload template (Parameters, ResultSelector, ItemSelector):
// a JSON value in which object keys ending in ".$" take their value from a
// path into the input ("$..."), the context object ("$$..."), or an intrinsic
// function call ("States.Format(...)").
type Template struct {
	raw  any
	root *node // raw compiled: field order fixed, literal subtrees marked
}

// node is a compiled template value. A static node (no ".$" field anywhere
// beneath it) is returned as it is: values are never modified in place.
type node struct {
	static bool
	lit    any     // the value, for static nodes
	fields []field // objects: literal fields first, so "name.$" overrides "name"
	elems  []*node // arrays
	array  bool
}

type field struct {
	name string // the output key
	key  string // the key as written ("name.$" for dynamic fields)
	expr string // dynamic fields: the path or intrinsic call
	sub  *node  // literal fields
}

func compile(v any) *node {
	switch x := v.(type) {
	case map[string]any:
		n := &node{static: true}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			di, dj := strings.HasSuffix(keys[i], ".$"), strings.HasSuffix(keys[j], ".$")
			if di != dj {
				return dj
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			if name, ok := strings.CutSuffix(k, ".$"); ok {
				s, _ := x[k].(string) // validated by NewTemplate
				n.fields = append(n.fields, field{name: name, key: k, expr: s})
				n.static = false
				continue
			}
			sub := compile(x[k])
			n.static = n.static && sub.static
			n.fields = append(n.fields, field{name: k, key: k, sub: sub})
		}
		if n.static {
			n.lit, n.fields = v, nil
		}
		return n
	case []any:
		n := &node{static: true, array: true}
		for _, e := range x {
			sub := compile(e)
			n.static = n.static && sub.static
			n.elems = append(n.elems, sub)
		}
		if n.static {
			n.lit, n.elems = v, nil
		}
		return n
	}
	return &node{static: true, lit: v}
}

// NewTemplate builds a Template from a JSON value in the jsonv
// representation (Go ints and float32s are accepted and normalised). It
// returns a *DefinitionError when a ".$" field is not a string holding a
// valid path or intrinsic function call. raw is copied.
func NewTemplate(raw any) (*Template, error) {
	v := jsonv.Normalize(jsonv.Clone(raw))
	var ps problems
	validateTemplate(&ps, v, "")
	if len(ps.list) > 0 {
		return nil, &DefinitionError{Problems: ps.list}
	}
	return &Template{raw: v, root: compile(v)}, nil
}

// Raw returns a copy of the template as written in the definition (nil for
// a nil Template).
func (t *Template) Raw() any {
	if t == nil {
		return nil
	}
	return jsonv.Clone(t.raw)
}

// Apply evaluates the template against input and the context object ctx and
// returns a new value; rnd serves States.UUID and States.MathRandom. It
// returns a new value, which may share structure with input and ctx (values
// are never modified in place). A path that selects
// nothing, or an intrinsic that fails, gives a *RuntimeError.
//
// Objects nested inside arrays are templates too. When a "name.$" field and
// a literal "name" field are both present, the "name.$" value wins. A nil
// Template (the field was absent) returns input.
func (t *Template) Apply(input, ctx any, rnd intrinsic.Rand) (any, error) {
	if t == nil {
		return input, nil
	}
	return t.root.apply(input, ctx, rnd)
}

func (n *node) apply(input, ctx any, rnd intrinsic.Rand) (any, error) {
	switch {
	case n.static:
		return n.lit, nil
	case n.array:
		out := make([]any, len(n.elems))
		for i, e := range n.elems {
			val, err := e.apply(input, ctx, rnd)
			if err != nil {
				return nil, err
			}
			out[i] = val
		}
		return out, nil
	}
	out := make(map[string]any, len(n.fields))
	for _, f := range n.fields {
		var val any
		var err error
		if f.sub == nil {
			val, err = resolve(f.key, f.expr, input, ctx, rnd)
		} else {
			val, err = f.sub.apply(input, ctx, rnd)
		}
		if err != nil {
			return nil, err
		}
		out[f.name] = val
	}
	return out, nil
}

// resolve evaluates the value expr of the template field key.
func resolve(key, expr string, input, ctx any, rnd intrinsic.Rand) (any, error) {
	if intrinsic.IsCall(expr) {
		v, err := intrinsic.Eval(expr, input, ctx, rnd)
		if err != nil {
			var ie *intrinsic.Error
			if errors.As(err, &ie) {
				return nil, &RuntimeError{Name: ie.Name, Cause: ie.Cause}
			}
			return nil, &RuntimeError{Name: ErrIntrinsicFailure, Cause: err.Error()}
		}
		return v, nil
	}
	data := input
	q, isCtx := contextRelative(expr)
	if isCtx {
		data = ctx
	}
	v, found, err := jsonpath.Query(q, data)
	if err != nil || !found {
		// AWS: "The JSONPath '$.x' specified for the field 'x.$' could not be
		// found in the input '{...}'". The engine prefixes "An error occurred
		// while executing the state ...".
		return nil, &RuntimeError{Name: ErrRuntime, Cause: "The JSONPath '" + expr +
			"' specified for the field '" + key + "' could not be found in the input '" + encode(data) + "'"}
	}
	return v, nil
}

// validateTemplate reports every ".$" field of v that is not a string
// holding a valid path or intrinsic function call. Keys are visited in
// sorted order so problems come out deterministically.
func validateTemplate(ps *problems, v any, loc string) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if strings.HasSuffix(k, ".$") {
				s, ok := x[k].(string)
				if !ok || !validPathOrCall(s) {
					ps.schema(loc, "The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call", k)
				}
				continue
			}
			validateTemplate(ps, x[k], child(loc, k))
		}
	case []any:
		for i, e := range x {
			validateTemplate(ps, e, index(loc, i))
		}
	}
}

// encode renders v as compact JSON for an error cause.
func encode(v any) string {
	s, err := jsonv.EncodeString(v)
	if err != nil {
		return "?"
	}
	return s
}

// RuntimeError is an error raised while running a state, with the error name
// Retry and Catch match on (States.Runtime, States.IntrinsicFailure, ...) and
// a cause.
type RuntimeError struct {
	Name  string
	Cause string
}

// Error returns "Name: Cause".
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
