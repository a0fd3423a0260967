package pagetoken_test

import (
	"errors"
	"testing"

	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// FuzzDecode feeds Decode arbitrary scopes and tokens: it never panics,
// refuses what it cannot have issued with ErrInvalid, never answers a
// negative position, and round-trips every token Encode makes.
func FuzzDecode(f *testing.F) {
	seeds := []struct {
		scope, token string
		pos          int64
	}{
		{"ListExecutions|arn|||", pagetoken.Encode("ListExecutions|arn|||", 3), 3},
		{"ListStateMachines", pagetoken.Encode("ListStateMachines", 0), 0},
		{"", "", 0},
		{"", "djEuLTEuMA", -1}, // "v1.-1.0"
		{"s", "djEuOTIyMzM3MjAzNjg1NDc3NTgwOC4w", 1}, // past MaxInt64
		{"s", "v1.1.x", 1 << 62},
		{"s", "====", 9_223_372_036_854_775_807},
		{"s\x00", "djEuMS4xLjE", 7},
		{"日本", "\xff\xfe", 42},
	}
	for _, s := range seeds {
		f.Add(s.scope, s.token, s.pos)
	}
	f.Fuzz(func(t *testing.T, scope, token string, pos int64) {
		got, err := pagetoken.Decode(scope, token)
		switch {
		case err != nil && !errors.Is(err, pagetoken.ErrInvalid):
			t.Fatalf("Decode(%q, %q) error %v, want ErrInvalid", scope, token, err)
		case err != nil && got != 0:
			t.Fatalf("Decode(%q, %q) = %d with error %v", scope, token, got, err)
		case err == nil && got < 0:
			t.Fatalf("Decode(%q, %q) = %d, want a position >= 0", scope, token, got)
		}

		if pos < 0 {
			return // Encode is only called with positions >= 0
		}
		tok := pagetoken.Encode(scope, pos)
		if got, err := pagetoken.Decode(scope, tok); err != nil || got != pos {
			t.Fatalf("Decode(%q, Encode(%q, %d)) = %d, %v; want %d", scope, scope, pos, got, err, pos)
		}
		if other := scope + "x"; other != scope {
			if got, err := pagetoken.Decode(other, tok); err == nil && got == pos {
				// A CRC-32 collision is possible in principle but not for a
				// one-byte extension of the same input.
				t.Fatalf("Decode(%q, token for %q) = %d, want ErrInvalid", other, scope, got)
			}
		}
	})
}
