package asl

import "encoding/json"

// operandKind is the type a comparison operator's operand must have.
type operandKind int

const (
	operandString operandKind = iota
	operandNumber
	operandBool
	operandTimestamp
	operandPath
)

// operators maps every comparison operator of the States Language to the
// kind of operand it takes.
var operators = map[string]operandKind{
	"StringEquals": operandString, "StringEqualsPath": operandPath,
	"StringLessThan": operandString, "StringLessThanPath": operandPath,
	"StringGreaterThan": operandString, "StringGreaterThanPath": operandPath,
	"StringLessThanEquals": operandString, "StringLessThanEqualsPath": operandPath,
	"StringGreaterThanEquals": operandString, "StringGreaterThanEqualsPath": operandPath,
	"StringMatches": operandString,
	"NumericEquals": operandNumber, "NumericEqualsPath": operandPath,
	"NumericLessThan": operandNumber, "NumericLessThanPath": operandPath,
	"NumericGreaterThan": operandNumber, "NumericGreaterThanPath": operandPath,
	"NumericLessThanEquals": operandNumber, "NumericLessThanEqualsPath": operandPath,
	"NumericGreaterThanEquals": operandNumber, "NumericGreaterThanEqualsPath": operandPath,
	"BooleanEquals": operandBool, "BooleanEqualsPath": operandPath,
	"TimestampEquals": operandTimestamp, "TimestampEqualsPath": operandPath,
	"TimestampLessThan": operandTimestamp, "TimestampLessThanPath": operandPath,
	"TimestampGreaterThan": operandTimestamp, "TimestampGreaterThanPath": operandPath,
	"TimestampLessThanEquals": operandTimestamp, "TimestampLessThanEqualsPath": operandPath,
	"TimestampGreaterThanEquals": operandTimestamp, "TimestampGreaterThanEqualsPath": operandPath,
	"IsNull": operandBool, "IsPresent": operandBool, "IsNumeric": operandBool,
	"IsString": operandBool, "IsBoolean": operandBool, "IsTimestamp": operandBool,
}

// rule parses one Choice Rule. Top-level rules carry Next; nested rules
// (inside And, Or, Not) must not.
func (p *parser) rule(v any, loc string, top bool) *ChoiceRule {
	o, ok := v.(*object)
	if !ok {
		p.ps.schema(loc, "A Choice Rule must be a JSON object")
		return nil
	}
	f := fields{ps: &p.ps, o: o, loc: loc}
	r := &ChoiceRule{}
	var ops []string
	var allowed = []string{"Variable", "Comment", "And", "Or", "Not"}
	if top {
		allowed = append(allowed, "Next")
	}
	for _, k := range o.Keys {
		if _, isOp := operators[k]; isOp {
			ops = append(ops, k)
			allowed = append(allowed, k)
		}
	}
	f.supported(allowed...)
	if top {
		f.required("Next")
		r.Next = f.target("Next")
	}
	var combinators []string
	for _, k := range []string{"And", "Or", "Not"} {
		if f.has(k) {
			combinators = append(combinators, k)
		}
	}
	switch {
	case len(combinators) > 0:
		if len(combinators) > 1 || len(ops) > 0 || f.has("Variable") {
			p.ps.schema(loc, "A Choice Rule must have exactly one of a comparison operator, 'And', 'Or' or 'Not'")
			return r
		}
		p.combinator(f, r, combinators[0])
	case len(ops) == 1:
		p.comparison(f, r, ops[0])
	default:
		p.ps.schema(loc, "A Choice Rule must have exactly one of a comparison operator, 'And', 'Or' or 'Not'")
	}
	return r
}

func (p *parser) combinator(f fields, r *ChoiceRule, k string) {
	loc := child(f.loc, k)
	if k == "Not" {
		r.Not = p.rule(f.o.Vals[k], loc, false)
		return
	}
	arr, ok := f.array(k)
	if !ok {
		return
	}
	if len(arr) == 0 {
		p.ps.schema(loc, "Field '%s' must contain at least one Choice Rule", k)
	}
	var rules []*ChoiceRule
	for i, e := range arr {
		if sub := p.rule(e, index(loc, i), false); sub != nil {
			rules = append(rules, sub)
		}
	}
	if k == "And" {
		r.And = rules
	} else {
		r.Or = rules
	}
}

func (p *parser) comparison(f fields, r *ChoiceRule, op string) {
	f.required("Variable")
	if f.has("Variable") {
		r.Variable = f.pathString("Variable")
	}
	r.Operator = op
	v := f.o.Vals[op]
	loc := child(f.loc, op)
	switch operators[op] {
	case operandString:
		s, ok := v.(string)
		if !ok {
			p.ps.schema(loc, "The value for the field '%s' must be a string", op)
		}
		r.Operand = s
	case operandNumber:
		n, ok := v.(json.Number)
		if !ok {
			p.ps.schema(loc, "The value for the field '%s' must be a number", op)
			return
		}
		r.Operand = plain(n)
	case operandBool:
		b, ok := v.(bool)
		if !ok {
			p.ps.schema(loc, "The value for the field '%s' must be a boolean", op)
		}
		r.Operand = b
	case operandTimestamp:
		s, ok := v.(string)
		if _, err := parseTimestamp(s); !ok || err != nil {
			p.ps.schema(loc, "The value for the field '%s' must be a valid RFC3339 timestamp", op)
		}
		r.Operand = s
	case operandPath:
		s, ok := v.(string)
		if !ok || !validPath(s) {
			p.ps.schema(loc, "The value for the field '%s' must be a valid JSONPath", op)
		}
		r.Operand = s
	}
}
