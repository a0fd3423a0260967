package jsonv

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strconv"
	"testing"
)

// referenceEncode is what Encode must match byte for byte: encoding/json
// with HTML escaping off and no trailing newline.
func referenceEncode(v any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

func TestEncodeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	values := []any{
		nil, true, false, int64(0), int64(-42), int64(math.MaxInt64), int64(math.MinInt64),
		0.0, 1.5, -0.000001, 0.0000001, 1e20, 1e21, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64, -1e-7, 5e-324,
		"", "plain", `quote " backslash \ slash /`, "<&>", "tab\tnewline\nreturn\r", "\x00\x01\x1f\x7f", "\u2028\u2029",
		"héllo 世界 🎉", "bad \xff utf8", "\b\f",
		[]any{}, []any{int64(1), "two", nil, []any{3.5}},
		map[string]any{}, map[string]any{"b": int64(1), "a": map[string]any{"z": true, "y": []any{}}, "": "empty", "é": 1.25},
	}
	// Objects of every size around the ways members are sorted: by
	// insertion (up to 12), by slices.SortFunc, on the stack (up to 16) and
	// in a slice of their own.
	for _, n := range []int{2, 3, 11, 12, 13, 16, 17, 40} {
		m := map[string]any{}
		for i := range n {
			m[string(rune('a'+(i*7)%26))+strconv.Itoa(i)] = int64(n - i)
		}
		values = append(values, m)
	}
	for _, v := range values {
		want, err := referenceEncode(v)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Encode(v)
		if err != nil {
			t.Fatalf("Encode(%#v) error %v", v, err)
		}
		if string(got) != want {
			t.Errorf("Encode(%#v) = %s, want %s", v, got, want)
		}
	}
	if _, err := Encode(math.NaN()); err == nil {
		t.Error("Encode(NaN) = nil error")
	}
}

// FuzzEncode checks Encode against encoding/json on decoded JSON texts.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x"]}`, `"\u2028"`, `1e300`, `-0.0000001`, `[true,null]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := DecodeString(s)
		if err != nil {
			return
		}
		want, err := referenceEncode(v)
		if err != nil {
			return
		}
		got, err := Encode(v)
		if err != nil || string(got) != want {
			t.Fatalf("Encode(%q) = %s, %v; want %s", s, got, err, want)
		}
	})
}

func BenchmarkEncode(b *testing.B) {
	v, _ := DecodeString(`{"order":{"id":1001,"items":[{"sku":"a","qty":2,"price":9.99},{"sku":"b","qty":1,"price":19.5}]},"customer":"c-1","note":"hello"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(v); err != nil {
			b.Fatal(err)
		}
	}
}

// referenceDecode is what Decode must match: encoding/json with UseNumber,
// then Normalize.
func referenceDecode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("trailing data")
	}
	return Normalize(v), nil
}

func TestDecodeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	inputs := []string{
		`null`, `true`, `false`, `0`, `-0`, `12`, `-12`, `9223372036854775807`, `9223372036854775808`, `1.5`, `1e3`, `1E-3`, `-0.0`,
		`1e400`, `""`, `"a\"b\\c\/d\b\f\n\r\t"`, `"\u00e9\u4e16"`, `"\ud83c\udf89"`, `"\ud83c"`, `"\udf89x"`, `"\ud83c\u0041"`,
		"\"bad \xff\"", `[]`, `[1,[2,[3]]]`, `{}`, `{"a":1,"a":2}`, ` { "k" : [ true , null ] } `, `{"a":{"b":{}}}`,
		// invalid
		``, `{`, `[1,]`, `{"a"}`, `{"a":}`, `01`, `1.`, `.5`, `-`, `1e`, `tru`, `"\x"`, "\"\x01\"", `[1 2]`, `{"a":1}x`, `"\u12"`, `nul`,
	}
	for _, in := range inputs {
		want, werr := referenceDecode([]byte(in))
		got, gerr := Decode([]byte(in))
		if (werr == nil) != (gerr == nil) {
			t.Errorf("Decode(%q) error = %v, encoding/json error = %v", in, gerr, werr)
			continue
		}
		if werr == nil && !reflect.DeepEqual(want, got) {
			t.Errorf("Decode(%q) = %#v, want %#v", in, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5,"x\u00e9"]}`, `"\ud83c\udf89"`, `1e300`, `[true,null,{}]`, `-0`, "\"\xff\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := referenceDecode([]byte(s))
		got, gerr := Decode([]byte(s))
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("Decode(%q) error = %v, encoding/json error = %v", s, gerr, werr)
		}
		if werr == nil && !reflect.DeepEqual(want, got) {
			t.Fatalf("Decode(%q) = %#v, want %#v", s, got, want)
		}
		if fromString, err := DecodeString(s); (err == nil) != (werr == nil) || !reflect.DeepEqual(got, fromString) {
			t.Fatalf("DecodeString(%q) = %#v, %v; Decode gave %#v", s, fromString, err, got)
		}
		if _, err := DecodeOrderedString(s); (err == nil) != (werr == nil) {
			t.Fatalf("DecodeOrderedString(%q) error %v, Decode error %v", s, err, werr)
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	data := []byte(`{"order":{"id":1001,"items":[{"sku":"a","qty":2,"price":9.99},{"sku":"b","qty":1,"price":19.5}]},"customer":"c-1","note":"hello"}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}
