package asl

import (
	"strconv"
	"strings"

	"github.com/sfnmem/sfnmem/asl/jsonpath"
)

// Select evaluates the JSONPath p against input and ctx (a path starting "$$"
// reads ctx), as InputPath, OutputPath, ItemsPath, SecondsPath and Choice
// Variables do. A path that matches nothing gives a *RuntimeError
// (States.Runtime, with AWS's "Invalid path" cause). The value returned may
// share structure with input or ctx: values are never modified in place
// (docs/decisions.md, "Immutable values").
func Select(p string, input, ctx any) (any, error) {
	v, found, err := query(p, input, ctx)
	if err != nil {
		return nil, &RuntimeError{Name: ErrRuntime, Cause: "Invalid path '" + p + "' : " + err.Error()}
	}
	if !found {
		data := input
		q, isCtx := contextRelative(p)
		if isCtx {
			data = ctx
		}
		return nil, &RuntimeError{Name: ErrRuntime, Cause: "Invalid path '" + p + "' : " + notFound(q, data)}
	}
	return v, nil
}

// query evaluates p against input, or against ctx for a "$$" path.
func query(p string, input, ctx any) (any, bool, error) {
	if q, isCtx := contextRelative(p); isCtx {
		return jsonpath.Query(q, ctx)
	}
	return jsonpath.Query(p, input)
}

// ApplyResultPath places result into input at the reference path rp and
// returns the combined value (input is not modified; the result may share
// structure with input and result). rp.Null keeps
// input as it is; an absent rp ("$") replaces input by result. A path that
// cannot be applied gives a *RuntimeError (States.Runtime).
func ApplyResultPath(rp Path, input, result any) (any, error) {
	switch {
	case !rp.Set:
		return result, nil
	case rp.Null:
		return input, nil
	}
	out, err := jsonpath.Set(input, rp.Value, result)
	if err != nil {
		// AWS: "Unable to apply ReferencePath $.x to input <input as JSON>".
		return nil, &RuntimeError{Name: ErrRuntime, Cause: "Unable to apply ReferencePath " + rp.Value + " to input " + encode(input)}
	}
	return out, nil
}

// ApplyInputPath applies InputPath (or OutputPath): absent means the whole
// value; null means {}. The value returned may share structure with input.
func ApplyInputPath(p Path, input, ctx any) (any, error) {
	switch {
	case !p.Set:
		return input, nil
	case p.Null:
		return map[string]any{}, nil
	}
	return Select(p.Value, input, ctx)
}

// notFound explains, in the words of the Jayway JSONPath library AWS uses,
// why the definite path q selects nothing in data: "No results for path:
// $['a']['b']" when the last step is missing, "Missing property in path
// $['a']" when an earlier one is. Paths other than plain name and index
// steps get the first form with the path as written.
func notFound(q string, data any) string {
	steps, ok := simpleSteps(q)
	if !ok {
		return "No results for path: " + q
	}
	norm := "$"
	cur := data
	for i, s := range steps {
		norm += s.String()
		last := i == len(steps)-1
		next, present := s.step(cur)
		if !present {
			if !last && s.name != nil {
				if _, isObj := cur.(map[string]any); isObj {
					return "Missing property in path " + norm
				}
			}
			break
		}
		cur = next
	}
	full := "$"
	for _, s := range steps {
		full += s.String()
	}
	return "No results for path: " + full
}

// pathStep is one ".name", "['name']" or "[n]" step of a simple path.
type pathStep struct {
	name *string
	idx  int
}

func (s pathStep) String() string {
	if s.name != nil {
		return "['" + *s.name + "']"
	}
	return "[" + strconv.Itoa(s.idx) + "]"
}

func (s pathStep) step(v any) (any, bool) {
	if s.name != nil {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		e, ok := m[*s.name]
		return e, ok
	}
	a, ok := v.([]any)
	if !ok || s.idx < 0 || s.idx >= len(a) {
		return nil, false
	}
	return a[s.idx], true
}

// simpleSteps splits a path made only of name and index steps.
func simpleSteps(p string) ([]pathStep, bool) {
	if !strings.HasPrefix(p, "$") {
		return nil, false
	}
	rest := p[1:]
	var steps []pathStep
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, ".."):
			return nil, false
		case rest[0] == '.':
			end := strings.IndexAny(rest[1:], ".[")
			if end < 0 {
				end = len(rest) - 1
			}
			name := rest[1 : 1+end]
			if name == "" || name == "*" {
				return nil, false
			}
			steps = append(steps, pathStep{name: &name})
			rest = rest[1+end:]
		case strings.HasPrefix(rest, "['"):
			end := strings.Index(rest[2:], "']")
			if end < 0 {
				return nil, false
			}
			name := rest[2 : 2+end]
			steps = append(steps, pathStep{name: &name})
			rest = rest[2+end+2:]
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, false
			}
			n, err := strconv.Atoi(rest[1:end])
			if err != nil || n < 0 {
				return nil, false
			}
			steps = append(steps, pathStep{idx: n})
			rest = rest[end+1:]
		default:
			return nil, false
		}
	}
	return steps, true
}
