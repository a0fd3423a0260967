package sfnmem

import (
	"fmt"
	"slices"
	"testing"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// lambdaResponse writes its text directly; it must be the bytes jsonv
// writes for the response value, whatever the payload.
func TestLambdaResponseText(t *testing.T) {
	t.Parallel()
	payloads := []string{
		`null`, `true`, `0`, `-1.5e3`, `"s"`, `"quote \" and \\ and \u00e9 and \n"`, `[]`, `{}`,
		`{"b":1,"a":[1,{"z":null,"y":"x"}]}`, `[{"k":"v"},{"k":"v"}]`,
	}
	for _, p := range payloads {
		v, err := jsonv.DecodeString(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		text := jsonv.MustEncodeString(v)
		value, got := lambdaResponse(v, text, "AQBtoken.3")
		if want := jsonv.MustEncodeString(value); got != want {
			t.Errorf("payload %s:\n got  %s\n want %s", p, got, want)
		}
	}
}

// requestID writes what its fmt form did.
func TestRequestID(t *testing.T) {
	t.Parallel()
	for i := range 200 {
		token := fmt.Sprintf("AQB%x.%d", i*7919, i)
		h := uint64(14695981039346656037)
		for j := 0; j < len(token); j++ {
			h = (h ^ uint64(token[j])) * 1099511628211
		}
		g := h*0x9e3779b97f4a7c15 + 1
		want := fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, uint16(g>>48)&0xfff, g&0xffffffffffff)
		if got := requestID(token); got != want {
			t.Fatalf("requestID(%q) = %q, want %q", token, got, want)
		}
	}
}

// The handler keys of a FunctionName are remembered, bounded: whatever
// names come (FunctionName may be read from the input), the memory holds
// at most maxLambdaKeys, and every answer is functionKeys' own.
func TestFunctionKeysRemembered(t *testing.T) {
	t.Parallel()
	e := New()
	names := []string{"f", "f:live", "arn:aws:lambda:us-east-1:123456789012:function:f:3", ""}
	for i := range 3 * maxLambdaKeys {
		names = append(names, fmt.Sprintf("fn-%d", i), fmt.Sprintf("fn-%d", i%7))
	}
	for _, fn := range names {
		got, want := e.functionKeysLocked(fn), e.functionKeys(fn)
		if !slices.Equal(got, want) {
			t.Fatalf("functionKeysLocked(%q) = %q, want %q", fn, got, want)
		}
		if len(e.lambdaKeys) > maxLambdaKeys {
			t.Fatalf("%d FunctionNames remembered, want at most %d", len(e.lambdaKeys), maxLambdaKeys)
		}
	}
}
