package asl_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// fuzzChoiceContext is the context object the fuzzed rules read through "$$".
const fuzzChoiceContext = `{"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:m:x",
  "Input": {"n": 1}, "Name": "x", "StartTime": "2024-01-02T03:04:05.000Z", "RedriveCount": 0},
  "State": {"EnteredTime": "2024-01-02T03:04:05.000Z", "Name": "C", "RetryCount": 0},
  "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:m", "Name": "m"}}`

// choiceDefinition builds a definition whose Choice state holds one rule
// made of variable, operator and operand (raw JSON text), wrapped as mode
// says: plain, under Not, in an And or Or next to an IsPresent guard, or
// (mode 4) variable is itself the rule's raw JSON.
func choiceDefinition(variable, operator, operand string, mode uint8) string {
	v, _ := json.Marshal(variable)
	o, _ := json.Marshal(operator)
	comparison := fmt.Sprintf(`{"Variable": %s, %s: %s}`, v, o, operand)
	var rule string
	switch mode % 5 {
	case 0:
		rule = comparison[:len(comparison)-1] + `, "Next": "S"}`
	case 1:
		rule = fmt.Sprintf(`{"Not": %s, "Next": "S"}`, comparison)
	case 2:
		rule = fmt.Sprintf(`{"And": [{"Variable": %s, "IsPresent": true}, %s], "Next": "S"}`, v, comparison)
	case 3:
		rule = fmt.Sprintf(`{"Or": [%s, {"Not": {"Variable": "$", "IsNull": true}}], "Next": "S"}`, comparison)
	case 4:
		rule = variable
	}
	return `{"StartAt": "C", "States": {
	  "C": {"Type": "Choice", "Choices": [` + rule + `], "Default": "S"},
	  "S": {"Type": "Succeed"}}}`
}

// FuzzChoiceRules fuzzes a Choice rule (operator, Variable, operand and the
// combinators around them) through asl.Parse and, when it parses, matches
// it against fuzzed JSON input: nothing panics, Parse refuses with a
// *DefinitionError, and Match fails only with a *RuntimeError.
func FuzzChoiceRules(f *testing.F) {
	seeds := []struct {
		variable, operator, operand, input string
		mode                               uint8
	}{
		{"$.s", "StringEquals", `"abc"`, `{"s": "abc"}`, 0},
		{"$.s", "StringMatches", `"a*\\*c*"`, `{"s": "a*cdef"}`, 1},
		{"$.s", "StringMatches", `"*a*a*a*a*b"`, `{"s": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}`, 0},
		{"$.n", "NumericLessThan", `1e308`, `{"n": -1e308}`, 2},
		{"$.n", "NumericEquals", `9007199254740993`, `{"n": 9007199254740992}`, 0},
		{"$.n", "NumericGreaterThanEquals", `-0`, `{"n": 0.0}`, 3},
		{"$.n", "NumericEqualsPath", `"$.m"`, `{"n": 1, "m": 1.0}`, 0},
		{"$.b", "BooleanEquals", `true`, `{"b": true}`, 0},
		{"$.b", "BooleanEqualsPath", `"$$.Execution.Input.b"`, `{"b": false}`, 1},
		{"$.t", "TimestampLessThan", `"2024-01-02T03:04:05Z"`, `{"t": "2024-01-02T03:04:05.999999999+14:00"}`, 0},
		{"$.t", "TimestampEqualsPath", `"$$.Execution.StartTime"`, `{"t": "2024-01-02T03:04:05.000Z"}`, 2},
		{"$.t", "IsTimestamp", `true`, `{"t": "2024-02-30T00:00:00Z"}`, 0},
		{"$.x", "IsPresent", `false`, `{}`, 0},
		{"$.x", "IsNull", `true`, `{"x": null}`, 3},
		{"$.x", "IsNumeric", `false`, `[1, 2]`, 0},
		{"$.x", "IsString", `true`, `"scalar input"`, 0},
		{"$.x", "IsBoolean", `true`, `null`, 1},
		{"$$.State.Name", "StringEquals", `"C"`, `{}`, 0},
		{"$.a[0].b", "NumericGreaterThan", `0`, `{"a": [{"b": 1}]}`, 0},
		{"$.a[-1:]", "IsPresent", `true`, `{"a": [1, 2, 3]}`, 2},
		{"$.a[?(@.b > 1)]", "IsPresent", `true`, `{"a": [{"b": 2}]}`, 0},
		{"$..b", "NumericEquals", `2`, `{"a": {"b": 2}}`, 0},
		{"$.a.*", "IsPresent", `true`, `{"a": {"x": 1}}`, 0},
		{"$['a b']", "StringEquals", `"c"`, `{"a b": "c"}`, 0},
		{"$.missing", "StringEquals", `"x"`, `{}`, 0},
		{"$.s", "StringEqualsPath", `"$.nope"`, `{"s": "a"}`, 0},
		{"not a path", "StringEquals", `"x"`, `{}`, 0},
		{"$.s", "NoSuchOperator", `"x"`, `{}`, 0},
		{"$.s", "StringEquals", `{`, `{}`, 0},
		{"$.s", "NumericEquals", `"1"`, `{}`, 0},
		{`{"Not": {"Not": {"Variable": "$.a", "IsPresent": true}}, "Next": "S"}`, "", "", `{"a": 1}`, 4},
		{`{"And": [], "Next": "S"}`, "", "", `{}`, 4},
		{`{"Or": [{"And": [{"Variable": "$.a", "StringEquals": "x", "Next": "S"}]}], "Next": "S"}`, "", "", `{}`, 4},
		{`{"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1, "Next": "S"}`, "", "", `{}`, 4},
		{`{"Not": [], "Next": "S"}`, "", "", `{}`, 4},
		{`7`, "", "", `{}`, 4},
	}
	for _, s := range seeds {
		f.Add(s.variable, s.operator, s.operand, s.input, s.mode)
	}
	ctx, err := jsonv.DecodeString(fuzzChoiceContext)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, variable, operator, operand, input string, mode uint8) {
		def := choiceDefinition(variable, operator, operand, mode)
		d, err := asl.Parse(def)
		if err != nil {
			var de *asl.DefinitionError
			if !errors.As(err, &de) || len(de.Problems) == 0 {
				t.Fatalf("Parse(%s) error %v is not a non-empty *DefinitionError", def, err)
			}
			return
		}
		in, err := jsonv.DecodeString(input)
		if err != nil {
			in = input // not JSON: match against it as a string value
		}
		for i, r := range d.States["C"].Choices {
			if _, err := r.Match(in, ctx); err != nil {
				var re *asl.RuntimeError
				if !errors.As(err, &re) {
					t.Fatalf("Choices[%d].Match(%s) of %s: error %T %v, want *asl.RuntimeError", i, input, def, err, err)
				}
				_ = re.Error()
			}
		}
		if mode%5 != 0 {
			return
		}
		// A plain comparison and the same comparison under Not must disagree,
		// or fail alike.
		plain, perr := d.States["C"].Choices[0].Match(in, ctx)
		nd, err := asl.Parse(choiceDefinition(variable, operator, operand, 1))
		if err != nil {
			t.Fatalf("Parse of the Not form of %s: %v", def, err)
		}
		negated, nerr := nd.States["C"].Choices[0].Match(in, ctx)
		if (perr == nil) != (nerr == nil) || (perr == nil && plain == negated) {
			t.Fatalf("Match(%s) of %s = %v, %v; under Not = %v, %v", input, def, plain, perr, negated, nerr)
		}
	})
}
