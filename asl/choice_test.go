package asl

import (
	"errors"
	"fmt"
	"testing"
)

// rule parses one top-level Choice rule written as JSON.
func rule(t *testing.T, js string) *ChoiceRule {
	t.Helper()
	d, err := Parse(fmt.Sprintf(`{"StartAt": "C", "States": {
	  "C": {"Type": "Choice", "Choices": [%s], "Default": "S"},
	  "S": {"Type": "Succeed"}}}`, js))
	if err != nil {
		t.Fatalf("Parse rule %s: %v", js, err)
	}
	return d.States["C"].Choices[0]
}

func TestChoiceRuleMatch(t *testing.T) {
	t.Parallel()
	input := `{
	  "s": "abc", "s2": "abd", "n": 5, "f": 5.5, "big": 9007199254740993, "b": true, "nul": null,
	  "ts": "2024-01-02T03:04:05Z", "ts2": "2024-01-02T04:04:05+01:00", "tsLater": "2024-06-01T00:00:00.5Z",
	  "glob": "foo23.log", "star": "a*b", "back": "a\\b", "arr": [1], "obj": {}
	}`
	ctx := `{"Execution": {"StartTime": "2024-01-02T03:04:05Z"}}`
	tests := []struct {
		rule string
		want bool
	}{
		{`"Variable": "$.s", "StringEquals": "abc"`, true},
		{`"Variable": "$.s", "StringEquals": "abd"`, false},
		{`"Variable": "$.n", "StringEquals": "5"`, false},
		{`"Variable": "$.s", "StringLessThan": "abd"`, true},
		{`"Variable": "$.s", "StringLessThan": "abc"`, false},
		{`"Variable": "$.s", "StringGreaterThan": "abb"`, true},
		{`"Variable": "$.s", "StringLessThanEquals": "abc"`, true},
		{`"Variable": "$.s", "StringGreaterThanEquals": "abd"`, false},
		{`"Variable": "$.s", "StringEqualsPath": "$.s"`, true},
		{`"Variable": "$.s", "StringLessThanPath": "$.s2"`, true},
		{`"Variable": "$.s", "StringGreaterThanPath": "$.s2"`, false},
		{`"Variable": "$.s", "StringLessThanEqualsPath": "$.s2"`, true},
		{`"Variable": "$.s", "StringGreaterThanEqualsPath": "$.s"`, true},
		{`"Variable": "$.s", "StringEqualsPath": "$.n"`, false},

		{`"Variable": "$.glob", "StringMatches": "foo*.log"`, true},
		{`"Variable": "$.glob", "StringMatches": "*.log"`, true},
		{`"Variable": "$.glob", "StringMatches": "foo*.*"`, true},
		{`"Variable": "$.glob", "StringMatches": "*.txt"`, false},
		{`"Variable": "$.glob", "StringMatches": "foo23.log*"`, true},
		{`"Variable": "$.glob", "StringMatches": "f*2*3*"`, true},
		{`"Variable": "$.glob", "StringMatches": "foo?3.log"`, false},
		{`"Variable": "$.star", "StringMatches": "a\\*b"`, true},
		{`"Variable": "$.s", "StringMatches": "a\\*c"`, false},
		{`"Variable": "$.back", "StringMatches": "a\\\\b"`, true},
		{`"Variable": "$.n", "StringMatches": "*"`, false},

		{`"Variable": "$.n", "NumericEquals": 5`, true},
		{`"Variable": "$.n", "NumericEquals": 5.0`, true},
		{`"Variable": "$.f", "NumericEquals": 5.5`, true},
		{`"Variable": "$.big", "NumericEquals": 9007199254740992`, false},
		{`"Variable": "$.big", "NumericGreaterThan": 9007199254740992.0`, true},
		{`"Variable": "$.n", "NumericLessThan": 5.5`, true},
		{`"Variable": "$.f", "NumericGreaterThan": 5`, true},
		{`"Variable": "$.n", "NumericLessThanEquals": 5`, true},
		{`"Variable": "$.n", "NumericGreaterThanEquals": 6`, false},
		{`"Variable": "$.s", "NumericEquals": 5`, false},
		{`"Variable": "$.n", "NumericLessThanPath": "$.f"`, true},
		{`"Variable": "$.n", "NumericEqualsPath": "$.n"`, true},
		{`"Variable": "$.f", "NumericGreaterThanPath": "$.n"`, true},
		{`"Variable": "$.f", "NumericLessThanEqualsPath": "$.n"`, false},
		{`"Variable": "$.f", "NumericGreaterThanEqualsPath": "$.f"`, true},
		{`"Variable": "$.n", "NumericEqualsPath": "$.s"`, false},

		{`"Variable": "$.b", "BooleanEquals": true`, true},
		{`"Variable": "$.b", "BooleanEquals": false`, false},
		{`"Variable": "$.s", "BooleanEquals": true`, false},
		{`"Variable": "$.b", "BooleanEqualsPath": "$.b"`, true},

		{`"Variable": "$.ts", "TimestampEquals": "2024-01-02T03:04:05Z"`, true},
		{`"Variable": "$.ts2", "TimestampEquals": "2024-01-02T03:04:05Z"`, true},
		{`"Variable": "$.ts", "TimestampLessThan": "2024-01-02T03:04:06Z"`, true},
		{`"Variable": "$.ts", "TimestampGreaterThan": "2024-01-02T03:04:06Z"`, false},
		{`"Variable": "$.ts", "TimestampLessThanEquals": "2024-01-02T03:04:05Z"`, true},
		{`"Variable": "$.ts", "TimestampGreaterThanEquals": "2024-01-02T03:04:05Z"`, true},
		{`"Variable": "$.s", "TimestampEquals": "2024-01-02T03:04:05Z"`, false},
		{`"Variable": "$.ts", "TimestampEqualsPath": "$$.Execution.StartTime"`, true},
		{`"Variable": "$.ts", "TimestampLessThanPath": "$.tsLater"`, true},
		{`"Variable": "$.ts", "TimestampGreaterThanPath": "$.tsLater"`, false},
		{`"Variable": "$.tsLater", "TimestampLessThanEqualsPath": "$.ts"`, false},
		{`"Variable": "$.tsLater", "TimestampGreaterThanEqualsPath": "$.ts"`, true},
		{`"Variable": "$.ts", "TimestampEqualsPath": "$.s"`, false},

		{`"Variable": "$.nul", "IsNull": true`, true},
		{`"Variable": "$.s", "IsNull": true`, false},
		{`"Variable": "$.s", "IsNull": false`, true},
		{`"Variable": "$.s", "IsPresent": true`, true},
		{`"Variable": "$.zzz", "IsPresent": true`, false},
		{`"Variable": "$.zzz", "IsPresent": false`, true},
		{`"Variable": "$.nul", "IsPresent": true`, true},
		{`"Variable": "$.f", "IsNumeric": true`, true},
		{`"Variable": "$.s", "IsNumeric": true`, false},
		{`"Variable": "$.s", "IsString": true`, true},
		{`"Variable": "$.arr", "IsString": false`, true},
		{`"Variable": "$.b", "IsBoolean": true`, true},
		{`"Variable": "$.obj", "IsBoolean": true`, false},
		{`"Variable": "$.ts", "IsTimestamp": true`, true},
		{`"Variable": "$.s", "IsTimestamp": true`, false},
		{`"Variable": "$.n", "IsTimestamp": false`, true},

		{`"And": [{"Variable": "$.n", "NumericEquals": 5}, {"Variable": "$.b", "BooleanEquals": true}]`, true},
		{`"And": [{"Variable": "$.n", "NumericEquals": 5}, {"Variable": "$.b", "BooleanEquals": false}]`, false},
		{`"Or": [{"Variable": "$.n", "NumericEquals": 4}, {"Variable": "$.b", "BooleanEquals": true}]`, true},
		{`"Or": [{"Variable": "$.n", "NumericEquals": 4}, {"Variable": "$.b", "BooleanEquals": false}]`, false},
		{`"Not": {"Variable": "$.n", "NumericEquals": 4}`, true},
		{`"Not": {"And": [{"Variable": "$.s", "IsString": true}, {"Not": {"Variable": "$.nul", "IsNull": true}}]}`, true},
		// An IsPresent guard placed first protects the comparison after it.
		{`"And": [{"Variable": "$.zzz", "IsPresent": true}, {"Variable": "$.zzz", "NumericEquals": 1}]`, false},
		{`"Or": [{"Variable": "$.zzz", "IsPresent": false}, {"Variable": "$.zzz", "NumericEquals": 1}]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			t.Parallel()
			r := rule(t, "{"+tt.rule+`, "Next": "S"}`)
			got, err := r.Match(decode(t, input), decode(t, ctx))
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got != tt.want {
				t.Errorf("Match = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestChoiceRuleMatchErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		rule  string
		cause string
	}{
		{`"Variable": "$.missing", "NumericEquals": 1`, "Invalid path '$.missing': The choice state's condition path references an invalid value."},
		{`"Variable": "$.missing", "IsNull": true`, "Invalid path '$.missing': The choice state's condition path references an invalid value."},
		{`"Variable": "$.n", "NumericEqualsPath": "$.other"`, "Invalid path '$.other': The choice state's condition path references an invalid value."},
		{`"Not": {"Variable": "$$.Nope", "StringEquals": "x"}`, "Invalid path '$$.Nope': The choice state's condition path references an invalid value."},
		{`"And": [{"Variable": "$.n", "IsPresent": true}, {"Variable": "$.gone", "BooleanEquals": true}]`, "Invalid path '$.gone': The choice state's condition path references an invalid value."},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			t.Parallel()
			r := rule(t, "{"+tt.rule+`, "Next": "S"}`)
			_, err := r.Match(decode(t, `{"n": 1}`), decode(t, `{}`))
			var re *RuntimeError
			if !errors.As(err, &re) || re.Name != ErrRuntime || re.Cause != tt.cause {
				t.Errorf("Match error = %v, want States.Runtime: %s", err, tt.cause)
			}
		})
	}
}

func TestWildcardMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"*", "", true},
		{"**", "abc", true},
		{"a*", "", false},
		{"a*c", "abbbc", true},
		{"a*c", "abbbcd", false},
		{`a\*c`, "a*c", true},
		{`a\*c`, "abc", false},
		{`a\\c`, `a\c`, true},
		{`a\c`, `a\c`, true},
		{"日*語", "日本語", true},
		{"*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
	}
	for _, tt := range tests {
		if got := wildcardMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}
