package pagetoken

import "testing"

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for _, pos := range []int64{0, 1, 99, 1 << 40} {
		tok := Encode("ListExecutions|arn", pos)
		got, err := Decode("ListExecutions|arn", tok)
		if err != nil || got != pos {
			t.Errorf("Decode(Encode(%d)) = %d, %v; want %d, nil", pos, got, err, pos)
		}
	}
}

func TestRefused(t *testing.T) {
	t.Parallel()
	good := Encode("a", 5)
	tests := []struct{ name, scope, token string }{
		{"other scope", "b", good},
		{"garbage", "a", "not-a-token"},
		{"empty", "a", ""},
		{"tampered", "a", good[:len(good)-2] + "xx"},
		{"wrong version", "a", "djIuNS5hYmM"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := Decode(tt.scope, tt.token); err == nil {
				t.Errorf("Decode(%q, %q) = nil error, want ErrInvalid", tt.scope, tt.token)
			}
		})
	}
}
