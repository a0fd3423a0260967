package sfnhttp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aws/smithy-go/middleware"
)

// The codec maps the SDK's Go structs to awsJson1.0 bodies by reflection.
// A member's wire name is its Go field name with the first letter lowered:
// TestCodecMatchesSDK sends a fully populated input and output of every
// sfn operation through the SDK's own serializers and deserializers, and
// fails if any member disagrees, so no exception table is needed for
// sfn v1.41.2.

var (
	timeType     = reflect.TypeFor[time.Time]()
	metadataType = reflect.TypeFor[middleware.Metadata]()
)

// wireName is the JSON member name of a Go field.
func wireName(field string) string {
	r, n := utf8.DecodeRuneInString(field)
	return string(unicode.ToLower(r)) + field[n:]
}

// serialized reports whether f is a member of the wire shape: exported,
// and not the SDK's ResultMetadata.
func serialized(f reflect.StructField) bool {
	return f.IsExported() && f.Type != metadataType
}

// requiredLists are the list members the model marks required, which AWS
// always sends, as [] when empty; other nil lists and maps are left out.
// Taken from the "This member is required." comments of sfn v1.41.2.
var requiredLists = map[string]bool{
	"GetExecutionHistoryOutput.Events":                    true,
	"ListActivitiesOutput.Activities":                     true,
	"ListExecutionsOutput.Executions":                     true,
	"ListMapRunsOutput.MapRuns":                           true,
	"ListStateMachineAliasesOutput.StateMachineAliases":   true,
	"ListStateMachineVersionsOutput.StateMachineVersions": true,
	"ListStateMachinesOutput.StateMachines":               true,
	"ValidateStateMachineDefinitionOutput.Diagnostics":    true,
}

// decodeBody parses a request body into the struct in points to. An empty
// body (only whitespace) means {}.
func decodeBody(body []byte, in reflect.Value) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("malformed JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("malformed JSON: data after the top-level value")
	}
	if _, ok := v.(map[string]any); !ok {
		return fmt.Errorf("the request body must be a JSON object")
	}
	return decodeValue(v, in.Elem(), "")
}

// decodeValue stores the JSON value j (from a decoder with UseNumber) in v.
// A null or missing member leaves v at its zero value; unknown members are
// ignored.
func decodeValue(j any, v reflect.Value, path string) error {
	if j == nil {
		return nil
	}
	mismatch := func(want string) error {
		if path == "" {
			return fmt.Errorf("expected %s", want)
		}
		return fmt.Errorf("%s: expected %s", path, want)
	}
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		if err := decodeValue(j, p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		if v.Type() == timeType {
			t, err := decodeTime(j)
			if err != nil {
				return mismatch("a timestamp in epoch seconds")
			}
			v.Set(reflect.ValueOf(t))
			return nil
		}
		m, ok := j.(map[string]any)
		if !ok {
			return mismatch("an object")
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !serialized(f) {
				continue
			}
			name := wireName(f.Name)
			if mj, ok := m[name]; ok {
				if err := decodeValue(mj, v.Field(i), join(path, name)); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.String:
		s, ok := j.(string)
		if !ok {
			return mismatch("a string")
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := j.(bool)
		if !ok {
			return mismatch("a boolean")
		}
		v.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := j.(json.Number)
		if !ok {
			return mismatch("an integer")
		}
		i, err := decodeInt(n)
		if err != nil || v.OverflowInt(i) {
			return mismatch("an integer in range")
		}
		v.SetInt(i)
		return nil
	case reflect.Float32, reflect.Float64:
		f, err := decodeFloat(j)
		if err != nil || (v.Kind() == reflect.Float32 && v.OverflowFloat(f)) {
			return mismatch("a number")
		}
		v.SetFloat(f)
		return nil
	case reflect.Slice:
		a, ok := j.([]any)
		if !ok {
			return mismatch("an array")
		}
		s := reflect.MakeSlice(v.Type(), len(a), len(a))
		for i, e := range a {
			if err := decodeValue(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		m, ok := j.(map[string]any)
		if !ok || v.Type().Key().Kind() != reflect.String {
			return mismatch("an object")
		}
		out := reflect.MakeMapWithSize(v.Type(), len(m))
		for k, e := range m {
			ev := reflect.New(v.Type().Elem()).Elem()
			if err := decodeValue(e, ev, join(path, k)); err != nil {
				return err
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), ev)
		}
		v.Set(out)
		return nil
	}
	return fmt.Errorf("%s: unsupported member type %s", path, v.Type())
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// decodeInt accepts an integral JSON number, also written with a fraction
// or exponent (2.0, 1e2).
func decodeInt(n json.Number) (int64, error) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || f != math.Trunc(f) || f < math.MinInt64 || f >= math.MaxInt64 {
		return 0, fmt.Errorf("not an integer: %s", n)
	}
	return int64(f), nil
}

// decodeFloat accepts a JSON number or one of the strings "NaN",
// "Infinity" and "-Infinity", as Smithy encodes non-finite doubles.
func decodeFloat(j any) (float64, error) {
	switch j := j.(type) {
	case json.Number:
		return strconv.ParseFloat(string(j), 64)
	case string:
		switch j {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
	}
	return 0, fmt.Errorf("not a number")
}

// maxEpochSeconds bounds decoded timestamps to years 0001..9999 or so, where
// millisecond arithmetic stays exact.
const maxEpochSeconds = 253402300800

// decodeTime reads epoch seconds, possibly fractional, at millisecond
// precision in UTC, as the SDK does.
func decodeTime(j any) (time.Time, error) {
	n, ok := j.(json.Number)
	if !ok {
		return time.Time{}, fmt.Errorf("not a number")
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.Abs(f) > maxEpochSeconds {
		return time.Time{}, fmt.Errorf("timestamp out of range")
	}
	return time.UnixMilli(int64(math.Round(f * 1000))).UTC(), nil
}

// encodeBody renders out (a pointer to an SDK output struct, possibly nil)
// as a compact JSON object, members in the struct's field order.
func encodeBody(out reflect.Value) []byte {
	if out.Kind() == reflect.Pointer && out.IsNil() {
		return []byte("{}")
	}
	return appendValue(nil, out)
}

// appendValue appends v as JSON. Struct members follow omitMember.
func appendValue(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return append(b, "null"...)
		}
		return appendValue(b, v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			return appendTime(b, v.Interface().(time.Time))
		}
		return appendStruct(b, v)
	case reflect.String:
		return appendString(b, v.String())
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10)
	case reflect.Float32:
		return appendFloat(b, v.Float(), 32)
	case reflect.Float64:
		return appendFloat(b, v.Float(), 64)
	case reflect.Slice, reflect.Array:
		b = append(b, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendValue(b, v.Index(i))
		}
		return append(b, ']')
	case reflect.Map:
		return appendMap(b, v)
	}
	return append(b, "null"...)
}

func appendStruct(b []byte, v reflect.Value) []byte {
	b = append(b, '{')
	first := true
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		fv := v.Field(i)
		if !serialized(f) {
			continue
		}
		if omitMember(v.Type(), f, fv) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, wireName(f.Name))
		b = append(b, ':')
		if fv.Kind() == reflect.Slice && fv.IsNil() {
			b = append(b, "[]"...) // a required list (omitMember kept it)
			continue
		}
		b = appendValue(b, fv)
	}
	return append(b, '}')
}

// omitMember reports whether a member is left off the wire: nil pointers,
// lists and maps (but not required lists) and empty strings and enums, the
// way the SDK's serializers leave them out. Numbers and booleans are
// always sent: the model gives every non-pointer one a meaning at zero
// (counters, previousEventId, truncated).
func omitMember(parent reflect.Type, f reflect.StructField, v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map:
		return v.IsNil()
	case reflect.Slice:
		return v.IsNil() && !requiredLists[parent.Name()+"."+f.Name]
	case reflect.String:
		return v.Len() == 0
	}
	return false
}

func appendMap(b []byte, v reflect.Value) []byte {
	if v.Type().Key().Kind() != reflect.String {
		return append(b, "null"...)
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k.String())
		b = append(b, ':')
		b = appendValue(b, v.MapIndex(k))
	}
	return append(b, '}')
}

// appendTime writes t as epoch seconds with a millisecond fraction
// (1704164645.123; no fraction when it is zero), the precision AWS reports.
func appendTime(b []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	if ms < 0 {
		b = append(b, '-')
		ms = -ms
	}
	b = strconv.AppendInt(b, ms/1000, 10)
	if frac := ms % 1000; frac != 0 {
		s := strconv.FormatInt(1000+frac, 10)[1:] // three digits
		for s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		b = append(b, '.')
		b = append(b, s...)
	}
	return b
}

// appendFloat writes a finite number the way encoding/json does, and NaN
// and the infinities as the strings Smithy uses.
func appendFloat(b []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, bits)
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// <, > and & are not escaped; U+2028 and U+2029 are, as encoding/json does.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
