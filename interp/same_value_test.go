package interp

import "testing"

// sameValue says whether one value's JSON text serves the other: the very
// same map or slice, or equal scalars; never two maps or slices that are
// merely equal, nor values of different kinds.
func TestSameValue(t *testing.T) {
	t.Parallel()
	m, other := map[string]any{"k": "v"}, map[string]any{"k": "v"}
	s := []any{int64(1)}
	tests := []struct {
		name string
		a, b any
		want bool
	}{
		{"same map", m, m, true},
		{"equal maps", m, other, false},
		{"map and nil", m, nil, false},
		{"nil and map", nil, m, false},
		{"map and slice", m, s, false},
		{"same slice", s, s, true},
		{"equal slices", s, []any{int64(1)}, false},
		{"equal strings", "x", string([]byte("x")), true},
		{"different strings", "x", "y", false},
		{"equal numbers", int64(3), int64(3), true},
		{"int and float", int64(3), float64(3), false},
		{"nil and nil", nil, nil, true},
		{"true and true", true, true, true},
	}
	for _, tt := range tests {
		if got := sameValue(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: sameValue = %v, want %v", tt.name, got, tt.want)
		}
	}
}
