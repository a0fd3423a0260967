// Package jsonv is the one JSON value representation sfnmem uses inside its
// interpreter: nil, bool, int64, float64, string, []any and map[string]any.
//
// Integers that fit int64 stay int64 so that ids and counters round-trip
// exactly (encoding/json's default float64 would round anything past 2^53);
// every other number is a float64. Encoding is compact, sorts object keys and
// does not escape <, > and & (recorded in docs/decisions.md).
package jsonv

import (
	"encoding/json"
	"strconv"
	"unsafe"
)

// Decode parses one JSON text into the sfnmem value representation.
// Trailing data after the value is an error.
func Decode(data []byte) (any, error) {
	return decode(data)
}

// DecodeString is Decode for a string.
// Decoded strings share s's memory where they can (strings are immutable).
func DecodeString(s string) (any, error) {
	d := &decoder{data: stringBytes(s), shared: true}
	return d.top()
}

// Normalize converts values produced by encoding/json with UseNumber (json.Number)
// into int64 or float64, recursively, in place for maps and slices.
func Normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		return number(x)
	case map[string]any:
		for k, e := range x {
			x[k] = Normalize(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = Normalize(e)
		}
		return x
	case int:
		return int64(x)
	case float32:
		return float64(x)
	default:
		return v
	}
}

func number(n json.Number) any {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i
	}
	f, err := n.Float64()
	if err != nil {
		// Out of float64 range; keep the text so nothing is lost.
		return string(n)
	}
	return f
}

// Encode renders v as compact JSON with sorted keys and no HTML escaping.
func Encode(v any) ([]byte, error) {
	return appendValue(make([]byte, 0, 64), v)
}

// Append appends v's compact JSON (Encode's) to b.
func Append(b []byte, v any) ([]byte, error) {
	return appendValue(b, v)
}

// EncodeString is Encode returning a string.
func EncodeString(v any) (string, error) {
	b, err := Encode(v)
	if err != nil || len(b) == 0 {
		return "", err
	}
	// b is never written again, so the string may share its bytes.
	return unsafe.String(&b[0], len(b)), nil
}

// MustEncodeString is EncodeString for values built by sfnmem itself, which
// are always encodable; it panics otherwise (a broken invariant).
func MustEncodeString(v any) string {
	s, err := EncodeString(v)
	if err != nil {
		panic("jsonv: " + err.Error())
	}
	return s
}

// Clone returns a deep copy of v.
func Clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = Clone(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = Clone(e)
		}
		return s
	default:
		return v
	}
}
