package asl

import (
	"math/big"
	"strings"
	"time"
)

// ChoiceRule is one Choices element, or a nested rule inside And/Or/Not.
// Top-level rules have Next set.
type ChoiceRule struct {
	Next string

	And []*ChoiceRule
	Or  []*ChoiceRule
	Not *ChoiceRule

	Variable string // JSONPath
	Operator string // e.g. "StringEquals", "NumericLessThanPath", "IsPresent"
	Operand  any    // literal operand, or the path text for ...Path operators
}

// Match evaluates the rule against input and the context object ctx.
//
// A comparison whose Variable selects nothing is a *RuntimeError
// (States.Runtime, "Invalid path '$.x': The choice state's condition path
// references an invalid value."), as on AWS; only IsPresent tests for absence.
// A ...Path operand that selects nothing is the same error. A value of the
// wrong type for the operator is not an error: the comparison is false. And
// and Or evaluate their rules in order and stop at the first that decides the
// result, so an IsPresent guard placed first protects the rules after it.
func (r *ChoiceRule) Match(input, ctx any) (bool, error) {
	switch {
	case r.Not != nil:
		m, err := r.Not.Match(input, ctx)
		return !m, err
	case r.And != nil:
		for _, sub := range r.And {
			if m, err := sub.Match(input, ctx); err != nil || !m {
				return false, err
			}
		}
		return true, nil
	case r.Or != nil:
		for _, sub := range r.Or {
			if m, err := sub.Match(input, ctx); err != nil || m {
				return m, err
			}
		}
		return false, nil
	}
	v, found, err := query(r.Variable, input, ctx)
	if err != nil {
		return false, invalidChoicePath(r.Variable)
	}
	if r.Operator == "IsPresent" {
		want, _ := r.Operand.(bool)
		return found == want, nil
	}
	if !found {
		return false, invalidChoicePath(r.Variable)
	}
	operand := r.Operand
	op := r.Operator
	if base, isPath := strings.CutSuffix(op, "Path"); isPath {
		p, _ := r.Operand.(string)
		o, found, err := query(p, input, ctx)
		if err != nil || !found {
			return false, invalidChoicePath(p)
		}
		operand, op = o, base
	}
	return compare(op, v, operand), nil
}

func invalidChoicePath(p string) error {
	return &RuntimeError{Name: ErrRuntime, Cause: "Invalid path '" + p + "': The choice state's condition path references an invalid value."}
}

// compare applies the comparison operator op (without its Path suffix) to
// the selected value v and the operand. Mismatched types compare false.
func compare(op string, v, operand any) bool {
	switch op {
	case "IsNull":
		return (v == nil) == operand
	case "IsNumeric":
		return isNumber(v) == operand
	case "IsString":
		_, ok := v.(string)
		return ok == operand
	case "IsBoolean":
		_, ok := v.(bool)
		return ok == operand
	case "IsTimestamp":
		_, ok := timestamp(v)
		return ok == operand
	case "BooleanEquals":
		a, ok1 := v.(bool)
		b, ok2 := operand.(bool)
		return ok1 && ok2 && a == b
	case "StringMatches":
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		return ok1 && ok2 && wildcardMatch(b, a)
	}
	kind, rel := splitOperator(op)
	var c int
	switch kind {
	case "String":
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		if !ok1 || !ok2 {
			return false
		}
		c = strings.Compare(a, b)
	case "Numeric":
		a, ok1 := bigFloat(v)
		b, ok2 := bigFloat(operand)
		if !ok1 || !ok2 {
			return false
		}
		c = a.Cmp(b)
	case "Timestamp":
		a, ok1 := timestamp(v)
		b, ok2 := timestamp(operand)
		if !ok1 || !ok2 {
			return false
		}
		c = a.Compare(b)
	default:
		return false
	}
	switch rel {
	case "Equals":
		return c == 0
	case "LessThan":
		return c < 0
	case "GreaterThan":
		return c > 0
	case "LessThanEquals":
		return c <= 0
	case "GreaterThanEquals":
		return c >= 0
	}
	return false
}

// splitOperator splits "NumericLessThanEquals" into "Numeric" and "LessThanEquals".
func splitOperator(op string) (kind, rel string) {
	for _, k := range []string{"String", "Numeric", "Timestamp"} {
		if rest, ok := strings.CutPrefix(op, k); ok {
			return k, rest
		}
	}
	return "", ""
}

func isNumber(v any) bool {
	switch v.(type) {
	case int64, float64:
		return true
	}
	return false
}

// bigFloat converts a JSON number to an exact big.Float, so that int64 and
// float64 values compare without rounding.
func bigFloat(v any) (*big.Float, bool) {
	switch x := v.(type) {
	case int64:
		return new(big.Float).SetInt64(x), true
	case float64:
		if x != x { // NaN never comes from JSON; refuse it anyway
			return nil, false
		}
		return new(big.Float).SetFloat64(x), true
	}
	return nil, false
}

func timestamp(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := parseTimestamp(s)
	return t, err == nil
}

// wildcardMatch reports whether s matches pattern, in which "*" matches any
// run of characters, "\*" a literal "*" and "\\" a literal "\"; every other
// character, a lone "\" included, matches itself.
func wildcardMatch(pattern, s string) bool {
	type token struct {
		r    rune
		star bool
	}
	var toks []token
	pr := []rune(pattern)
	for i := 0; i < len(pr); i++ {
		switch {
		case pr[i] == '\\' && i+1 < len(pr) && (pr[i+1] == '*' || pr[i+1] == '\\'):
			toks = append(toks, token{r: pr[i+1]})
			i++
		case pr[i] == '*':
			toks = append(toks, token{star: true})
		default:
			toks = append(toks, token{r: pr[i]})
		}
	}
	sr := []rune(s)
	// Classic greedy matching with backtracking to the last star.
	ti, si := 0, 0
	starT, starS := -1, 0
	for si < len(sr) {
		switch {
		case ti < len(toks) && !toks[ti].star && toks[ti].r == sr[si]:
			ti++
			si++
		case ti < len(toks) && toks[ti].star:
			starT, starS = ti, si
			ti++
		case starT >= 0:
			starS++
			si = starS
			ti = starT + 1
		default:
			return false
		}
	}
	for ti < len(toks) && toks[ti].star {
		ti++
	}
	return ti == len(toks)
}
