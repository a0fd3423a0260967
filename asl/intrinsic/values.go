package intrinsic

import "math"

// exactInt returns v as an int64 when it is a number with no fractional part.
func exactInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		if x == math.Trunc(x) && x >= math.MinInt64 && x < math.MaxInt64 {
			return int64(x), true
		}
	}
	return 0, false
}

// roundInt returns v as an int64, rounding a fractional number to the
// nearest integer with ties toward positive infinity (Java's Math.round),
// as AWS documents for the functions that take integers.
func roundInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		r := math.Floor(x + 0.5)
		if r >= math.MinInt64 && r < math.MaxInt64 {
			return int64(r), true
		}
	}
	return 0, false
}

// equal is JSON equality: numbers compare by value whether int64 or float64,
// objects by their members, arrays element by element.
func equal(a, b any) bool {
	switch x := a.(type) {
	case int64:
		switch y := b.(type) {
		case int64:
			return x == y
		case float64:
			return float64(x) == y && y == math.Trunc(y) && int64(y) == x
		}
		return false
	case float64:
		switch y := b.(type) {
		case float64:
			return x == y
		case int64:
			return equal(y, x)
		}
		return false
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equal(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}
