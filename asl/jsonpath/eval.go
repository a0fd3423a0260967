package jsonpath

import (
	"fmt"
	"maps"
	"sort"
)

// query evaluates the compiled path against data.
func (p *compiled) query(data any) (any, bool, error) {
	if p.simple {
		v, ok := p.walk(data)
		return v, ok, nil
	}
	nodes := []any{data}
	for i, s := range p.segs {
		if p.merge && i == len(p.segs)-1 {
			return mergeMembers(nodes, s.names)
		}
		var next []any
		for _, n := range nodes {
			if s.descend {
				next = descend(s, n, next)
			} else {
				next = apply(s, n, next)
			}
		}
		nodes = next
	}
	if !p.definite {
		if nodes == nil {
			nodes = []any{}
		}
		return nodes, true, nil
	}
	if len(nodes) == 0 {
		return nil, false, nil
	}
	return nodes[0], true, nil
}

// walk evaluates a simple path: each step takes one member or one element,
// exactly as apply would for that step.
func (p *compiled) walk(data any) (any, bool) {
	for _, s := range p.segs {
		var ok bool
		if s.kind == segName {
			var obj map[string]any
			if obj, ok = data.(map[string]any); !ok {
				return nil, false
			}
			if data, ok = obj[s.names[0]]; !ok {
				return nil, false
			}
			continue
		}
		var arr []any
		if arr, ok = data.([]any); !ok {
			return nil, false
		}
		i := s.indexes[0]
		if i < 0 {
			i += len(arr)
		}
		if i < 0 || i >= len(arr) {
			return nil, false
		}
		data = arr[i]
	}
	return data, true
}

// mergeMembers is Jayway's multi-property leaf: ['a','b'] on an object gives a
// new object with those of the members that exist.
func mergeMembers(nodes []any, names []string) (any, bool, error) {
	if len(nodes) == 0 {
		return nil, false, nil
	}
	obj, ok := nodes[0].(map[string]any)
	if !ok {
		return nil, false, nil
	}
	out := make(map[string]any, len(names))
	for _, name := range names {
		if v, ok := obj[name]; ok {
			out[name] = v
		}
	}
	return out, true, nil
}

// apply appends to out what step s selects from node n.
func apply(s segment, n any, out []any) []any {
	switch s.kind {
	case segName, segNames:
		obj, ok := n.(map[string]any)
		if !ok {
			return out
		}
		for _, name := range s.names {
			if v, ok := obj[name]; ok {
				out = append(out, v)
			}
		}
	case segIndex, segIndexes:
		arr, ok := n.([]any)
		if !ok {
			return out
		}
		for _, i := range s.indexes {
			if i < 0 {
				i += len(arr)
			}
			if i >= 0 && i < len(arr) {
				out = append(out, arr[i])
			}
		}
	case segWildcard:
		out = appendChildren(n, out)
	case segSlice:
		arr, ok := n.([]any)
		if !ok {
			return out
		}
		from, to := sliceBounds(s, len(arr))
		for i := from; i < to; i++ {
			out = append(out, arr[i])
		}
	case segFilter:
		switch x := n.(type) {
		case []any:
			for _, e := range x {
				if match(s, e) {
					out = append(out, e)
				}
			}
		case map[string]any:
			// Jayway applies a filter on an object to the object itself.
			if match(s, x) {
				out = append(out, x)
			}
		}
	}
	return out
}

// descend appends what step s selects from n and from every value below n,
// visited depth first in document order (object members by sorted key, since
// a decoded object keeps no order).
func descend(s segment, n any, out []any) []any {
	if s.kind == segFilter {
		// Under "..", a filter tests the children of each visited value, so
		// that no value is selected twice.
		for _, c := range appendChildren(n, nil) {
			if match(s, c) {
				out = append(out, c)
			}
		}
	} else {
		out = apply(s, n, out)
	}
	for _, c := range appendChildren(n, nil) {
		switch c.(type) {
		case map[string]any, []any:
			out = descend(s, c, out)
		}
	}
	return out
}

// appendChildren appends the array elements, or the object member values in
// sorted key order, of n.
func appendChildren(n any, out []any) []any {
	switch x := n.(type) {
	case []any:
		out = append(out, x...)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = append(out, x[k])
		}
	}
	return out
}

// sliceBounds resolves [start:end] against an array of length n: negative
// bounds count from the end, and both are clamped to [0, n].
func sliceBounds(s segment, n int) (from, to int) {
	from, to = 0, n
	if s.hasStart {
		from = s.start
		if from < 0 {
			from += n
		}
	}
	if s.hasEnd {
		to = s.end
		if to < 0 {
			to += n
		}
	}
	from = min(max(from, 0), n)
	to = min(max(to, 0), n)
	if to < from {
		to = from
	}
	return from, to
}

// match runs the filter on v. The filter library must not panic on any
// value, but a panic there is not allowed to escape as one.
func match(s segment, v any) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	return s.filter.Match(v)
}

// set places value at steps below data, copying the containers on the way.
func set(data any, steps []segment, value any, path string) (any, error) {
	if len(steps) == 0 {
		return value, nil
	}
	s := steps[0]
	switch s.kind {
	case segName:
		name := s.names[0]
		var obj map[string]any
		switch x := data.(type) {
		case map[string]any:
			obj = x
		case nil:
			// Only a member that does not exist yet is created; an explicit
			// null is not an object to step into.
			return nil, &SetError{Path: path, Msg: fmt.Sprintf("cannot set member %q on null", name)}
		default:
			return nil, &SetError{Path: path, Msg: fmt.Sprintf("cannot set member %q on a %s", name, kindOf(data))}
		}
		child, exists := obj[name]
		if !exists && len(steps) > 1 {
			if steps[1].kind != segName {
				return nil, &SetError{Path: path, Msg: fmt.Sprintf("member %q does not exist, so it cannot be indexed", name)}
			}
			child = map[string]any{}
		}
		v, err := set(child, steps[1:], value, path)
		if err != nil {
			return nil, err
		}
		// A copy of the table as it is (maps.Clone): no key hashed and
		// placed again, one by one.
		out := maps.Clone(obj)
		if out == nil {
			out = map[string]any{}
		}
		out[name] = v
		return out, nil
	case segIndex:
		i := s.indexes[0]
		arr, ok := data.([]any)
		if !ok {
			return nil, &SetError{Path: path, Msg: fmt.Sprintf("cannot index a %s", kindOf(data))}
		}
		if i < 0 || i >= len(arr) {
			return nil, &SetError{Path: path, Msg: fmt.Sprintf("index %d out of range for an array of %d", i, len(arr))}
		}
		v, err := set(arr[i], steps[1:], value, path)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(arr))
		copy(out, arr)
		out[i] = v
		return out, nil
	}
	return nil, &SetError{Path: path, Msg: "not a reference path"}
}

// kindOf names the JSON type of v for messages.
func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int64, float64, int, float32:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
