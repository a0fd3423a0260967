package jsonv

import (
	"bytes"
	"encoding/json"
	"math"
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
