package asl

import (
	"encoding/json"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// object is a decoded JSON object that remembers the order of its keys, so
// that problems are reported in the order the definition lists its states and
// fields.
type object = jsonv.Object

func get(o *object, k string) (any, bool) {
	v, ok := o.Vals[k]
	return v, ok
}

// decodeOrdered decodes one JSON text into nil, bool, string, json.Number,
// []any and *object values. Trailing data is an error.
func decodeOrdered(definition string) (any, error) {
	return jsonv.DecodeOrderedString(definition)
}

// plain converts an ordered value into the jsonv representation.
func plain(v any) any {
	switch x := v.(type) {
	case *object:
		m := make(map[string]any, len(x.Keys))
		for _, k := range x.Keys {
			m[k] = plain(x.Vals[k])
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = plain(e)
		}
		return s
	case json.Number:
		return jsonv.Normalize(x)
	default:
		return v
	}
}
