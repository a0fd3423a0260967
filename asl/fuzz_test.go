package asl

import (
	"errors"
	"testing"
)

func FuzzParse(f *testing.F) {
	seeds := []string{
		``,
		`null`,
		`{}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}`,
		`{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"x.$": "States.Format('{}', $.a)"}, "Retry": [{"ErrorEquals": ["States.ALL"]}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "A"}], "End": true}}}`,
		`{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Not": {"And": [{"Or": [{"Variable": "$.a", "StringMatches": "*"}]}]}, "Next": "S"}], "Default": "S"}, "S": {"Type": "Succeed"}}}`,
		`{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true}}}`,
		`{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}], "End": true}}}`,
		`{"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "States.Format($.e)", "CausePath": "$$.Execution.Id"}}}`,
		`{"QueryLanguage": "JSONata", "StartAt": 1, "States": []}`,
		`[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, def string) {
		d, err := Parse(def)
		if err != nil {
			var de *DefinitionError
			if !errors.As(err, &de) || len(de.Problems) == 0 {
				t.Fatalf("Parse error %v is not a non-empty *DefinitionError", err)
			}
			_ = err.Error()
			return
		}
		if d == nil || d.States[d.StartAt] == nil {
			t.Fatalf("Parse succeeded without a StartAt state: %+v", d)
		}
	})
}
