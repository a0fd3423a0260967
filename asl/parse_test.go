package asl

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func mustParse(t *testing.T, def string) *Definition {
	t.Helper()
	d, err := Parse(def)
	if err != nil {
		t.Fatalf("Parse() = %v, want no error", err)
	}
	return d
}

func TestParseAllStateTypes(t *testing.T) {
	t.Parallel()
	def := `{
	  "Comment": "all types",
	  "StartAt": "P",
	  "TimeoutSeconds": 300,
	  "Version": "1.0",
	  "States": {
	    "P": {"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "InputPath": null, "Next": "T"},
	    "T": {
	      "Type": "Task",
	      "Resource": "arn:aws:states:::lambda:invoke",
	      "Parameters": {"FunctionName": "f", "Payload.$": "$"},
	      "ResultSelector": {"body.$": "$.Payload"},
	      "TimeoutSeconds": 10, "HeartbeatSeconds": 5,
	      "Retry": [
	        {"ErrorEquals": ["A", "B"]},
	        {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1.5,
	         "MaxDelaySeconds": 60, "JitterStrategy": "FULL"}
	      ],
	      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "F"}],
	      "Next": "C"
	    },
	    "C": {
	      "Type": "Choice",
	      "Choices": [
	        {"Variable": "$.n", "NumericGreaterThan": 3, "Next": "W"},
	        {"And": [{"Variable": "$.s", "StringEquals": "x"}, {"Not": {"Variable": "$.b", "IsNull": true}}], "Next": "W2"},
	        {"Variable": "$.t", "TimestampLessThanPath": "$$.Execution.StartTime", "Next": "Par"}
	      ],
	      "Default": "S"
	    },
	    "W": {"Type": "Wait", "Seconds": 5, "Next": "S"},
	    "W2": {"Type": "Wait", "Timestamp": "2024-01-02T03:04:05Z", "End": true},
	    "Par": {
	      "Type": "Parallel",
	      "Branches": [
	        {"StartAt": "B1", "States": {"B1": {"Type": "Succeed"}}},
	        {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}
	      ],
	      "Next": "M"
	    },
	    "M": {
	      "Type": "Map",
	      "ItemsPath": "$.items",
	      "ItemSelector": {"item.$": "$$.Map.Item.Value"},
	      "MaxConcurrency": 4,
	      "ToleratedFailurePercentage": 12.5,
	      "Label": "ItemsRun",
	      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"}},
	      "ItemProcessor": {
	        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
	        "StartAt": "IP",
	        "States": {"IP": {"Type": "Pass", "End": true}}
	      },
	      "Next": "Legacy"
	    },
	    "Legacy": {
	      "Type": "Map",
	      "Parameters": {"v.$": "$$.Map.Item.Value"},
	      "Iterator": {"StartAt": "IT", "States": {"IT": {"Type": "Pass", "End": true}}},
	      "End": true
	    },
	    "S": {"Type": "Succeed"},
	    "F": {"Type": "Fail", "Error": "Boom", "CausePath": "$.cause"}
	  }
	}`
	d := mustParse(t, def)

	if d.StartAt != "P" || d.Comment != "all types" || d.Version != "1.0" || d.TimeoutSeconds == nil || *d.TimeoutSeconds != 300 {
		t.Errorf("top level = %+v", d)
	}
	p := d.States["P"]
	if diff := cmp.Diff(map[string]any{"a": int64(1)}, p.Result); diff != "" || !p.HasResult {
		t.Errorf("Pass Result (-want +got):\n%s", diff)
	}
	if want := (Path{Set: true, Null: true}); p.InputPath != want {
		t.Errorf("Pass InputPath = %+v, want %+v", p.InputPath, want)
	}
	if want := (Path{Set: true, Value: "$.r"}); p.ResultPath != want {
		t.Errorf("Pass ResultPath = %+v, want %+v", p.ResultPath, want)
	}
	if (p.OutputPath != Path{}) {
		t.Errorf("Pass OutputPath = %+v, want absent", p.OutputPath)
	}

	task := d.States["T"]
	wantRetry := []Retrier{
		{ErrorEquals: []string{"A", "B"}, IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "NONE"},
		{ErrorEquals: []string{"States.ALL"}, IntervalSeconds: 2, MaxAttempts: 0, BackoffRate: 1.5, MaxDelaySeconds: 60, JitterStrategy: "FULL"},
	}
	if diff := cmp.Diff(wantRetry, task.Retry); diff != "" {
		t.Errorf("Retry (-want +got):\n%s", diff)
	}
	wantCatch := []Catcher{{ErrorEquals: []string{"States.ALL"}, Next: "F", ResultPath: Path{Set: true, Value: "$.err"}}}
	if diff := cmp.Diff(wantCatch, task.Catch); diff != "" {
		t.Errorf("Catch (-want +got):\n%s", diff)
	}
	if task.Resource != "arn:aws:states:::lambda:invoke" || *task.TimeoutSeconds != 10 || *task.HeartbeatSeconds != 5 {
		t.Errorf("Task fields = %+v", task)
	}
	if diff := cmp.Diff(map[string]any{"FunctionName": "f", "Payload.$": "$"}, task.Parameters.Raw()); diff != "" {
		t.Errorf("Parameters (-want +got):\n%s", diff)
	}
	if task.ResultSelector == nil {
		t.Errorf("ResultSelector not parsed")
	}

	c := d.States["C"]
	wantChoices := []*ChoiceRule{
		{Next: "W", Variable: "$.n", Operator: "NumericGreaterThan", Operand: int64(3)},
		{Next: "W2", And: []*ChoiceRule{
			{Variable: "$.s", Operator: "StringEquals", Operand: "x"},
			{Not: &ChoiceRule{Variable: "$.b", Operator: "IsNull", Operand: true}},
		}},
		{Next: "Par", Variable: "$.t", Operator: "TimestampLessThanPath", Operand: "$$.Execution.StartTime"},
	}
	if diff := cmp.Diff(wantChoices, c.Choices); diff != "" {
		t.Errorf("Choices (-want +got):\n%s", diff)
	}
	if c.Default != "S" {
		t.Errorf("Default = %q", c.Default)
	}

	if w := d.States["W"]; w.Seconds == nil || *w.Seconds != 5 {
		t.Errorf("Wait Seconds = %v", w.Seconds)
	}
	if w := d.States["W2"]; w.Timestamp == nil || !w.Timestamp.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)) || !w.End {
		t.Errorf("Wait Timestamp = %v End = %v", w.Timestamp, w.End)
	}

	par := d.States["Par"]
	if len(par.Branches) != 2 || par.Branches[0].StartAt != "B1" || par.Branches[1].States["B2"].Type != TypePass {
		t.Errorf("Branches = %+v", par.Branches)
	}

	m := d.States["M"]
	if m.ItemProcessor.ProcessorMode != "DISTRIBUTED" || m.ItemProcessor.ExecutionType != "STANDARD" {
		t.Errorf("ProcessorConfig = %q %q", m.ItemProcessor.ProcessorMode, m.ItemProcessor.ExecutionType)
	}
	if m.ItemsPath.Value != "$.items" || m.MaxConcurrency != 4 || *m.ToleratedFailurePercentage != 12.5 || m.Label != "ItemsRun" {
		t.Errorf("Map fields = %+v", m)
	}
	if diff := cmp.Diff(map[string]any{"Bucket": "b", "Key": "k"}, m.ItemReader["Parameters"]); diff != "" {
		t.Errorf("ItemReader (-want +got):\n%s", diff)
	}
	legacy := d.States["Legacy"]
	if legacy.ItemProcessor.ProcessorMode != "INLINE" || legacy.ItemSelector == nil || legacy.Parameters != nil {
		t.Errorf("legacy Map: mode %q ItemSelector %v Parameters %v", legacy.ItemProcessor.ProcessorMode, legacy.ItemSelector, legacy.Parameters)
	}
	if f := d.States["F"]; f.Error != "Boom" || f.CausePath != "$.cause" {
		t.Errorf("Fail = %+v", f)
	}
	if d.States["M"].Name != "M" {
		t.Errorf("State.Name not set")
	}
}

func TestParseProblems(t *testing.T) {
	t.Parallel()
	schema := func(loc, msg string) Problem {
		return Problem{Code: CodeSchemaValidationFailed, Message: msg, Location: loc}
	}
	missing := func(loc, msg string) Problem {
		return Problem{Code: CodeMissingTransitionTarget, Message: msg, Location: loc}
	}
	tests := []struct {
		name string
		def  string
		want []Problem
	}{
		{
			name: "invalid JSON",
			def:  `{"StartAt": `,
			want: []Problem{{Code: CodeInvalidJSONDescription, Message: "unexpected end of JSON input at offset 12"}},
		},
		{
			name: "not an object",
			def:  `[]`,
			want: []Problem{schema("/", "The state machine definition must be a JSON object")},
		},
		{
			name: "required top-level fields",
			def:  `{}`,
			want: []Problem{schema("/", "These fields are required: [StartAt, States]")},
		},
		{
			name: "unknown top-level field",
			def:  `{"StartAt": "A", "Foo": 1, "States": {"A": {"Type": "Succeed"}}}`,
			want: []Problem{schema("/", "Field 'Foo' is not supported")},
		},
		{
			name: "JSONata machine refused",
			def:  `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}}`,
			want: []Problem{schema("/QueryLanguage", "The QueryLanguage 'JSONata' is not supported by sfnmem; only 'JSONPath' is")},
		},
		{
			name: "JSONata state refused",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Succeed", "QueryLanguage": "JSONata"}}}`,
			want: []Problem{schema("/States/A/QueryLanguage", "The QueryLanguage 'JSONata' is not supported by sfnmem; only 'JSONPath' is")},
		},
		{
			name: "JSONata-only field",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": {}, "End": true}}}`,
			want: []Problem{schema("/States/A", "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage")},
		},
		{
			name: "Assign refused",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}}`,
			want: []Problem{schema("/States/A", "Field 'Assign' is not supported by sfnmem: workflow variables are not modelled")},
		},
		{
			name: "TimeoutSeconds on Map and Catch on Pass",
			def: `{"StartAt": "M", "States": {
			  "M": {"Type": "Map", "TimeoutSeconds": 5, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "Next": "P"},
			  "P": {"Type": "Pass", "Catch": [], "End": true}}}`,
			want: []Problem{
				schema("/States/M", "Field 'TimeoutSeconds' is not supported"),
				schema("/States/P", "Field 'Catch' is not supported"),
			},
		},
		{
			name: "missing Next targets everywhere",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "NOPE",
			        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "GONE"}]},
			  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "X"}], "Default": "D"},
			  "E": {"Type": "Succeed"}}}`,
			want: []Problem{
				missing("/States/A/Next", "Missing 'Next' target: NOPE"),
				missing("/States/A/Catch[0]/Next", "Missing 'Next' target: GONE"),
				missing("/States/C/Choices[0]/Next", "Missing 'Next' target: X"),
				missing("/States/C/Default", "Missing 'Next' target: D"),
				missing("/States/C", "State \"C\" is not reachable."),
				missing("/States/E", "State \"E\" is not reachable."),
			},
		},
		{
			name: "missing target and no terminal state, in AWS order",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "NOPE"}}}`,
			want: []Problem{
				missing("/States/A/Next", "Missing 'Next' target: NOPE"),
				{Code: CodeMissingEndState, Message: "Workflow has no terminal state"},
			},
		},
		{
			name: "no terminal state suppresses unreachable states",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "Z": {"Type": "Pass", "Next": "A"}}}`,
			want: []Problem{{Code: CodeMissingEndState, Message: "Workflow has no terminal state"}},
		},
		{
			name: "an unreachable terminal state is still terminal",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Succeed"}}}`,
			want: []Problem{missing("/States/C", "State \"C\" is not reachable.")},
		},
		{
			name: "missing StartAt target",
			def:  `{"StartAt": "X", "States": {"A": {"Type": "Succeed"}}}`,
			want: []Problem{missing("/StartAt", "Missing 'StartAt' target: X")},
		},
		{
			name: "transitions do not leave a branch",
			def: `{"StartAt": "P", "States": {
			  "P": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Done"}}}], "Next": "Done"},
			  "Done": {"Type": "Succeed"}}}`,
			want: []Problem{
				missing("/States/P/Branches[0]/States/B/Next", "Missing 'Next' target: Done"),
				{Code: CodeMissingEndState, Message: "Workflow has no terminal state"},
			},
		},
		{
			name: "duplicate state name across branches",
			def: `{"StartAt": "P", "States": {
			  "P": {"Type": "Parallel", "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Succeed"}}}], "End": true}}}`,
			want: []Problem{{Code: CodeDuplicateStateName, Message: "Duplicate State name: P", Location: "/States/P/Branches[0]/States/P"}},
		},
		{
			name: "state type and shape",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Nope"}, "B": {"Comment": "no type"}, "C": 3, "D": {"Type": "Succeed"}}}`,
			want: []Problem{
				schema("/States/A/Type", "Field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]"),
				schema("/States/B", "These fields are required: [Type]"),
				schema("/States/C", "A state must be a JSON object"),
			},
		},
		{
			name: "Next and End",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "Next": "B", "End": true},
			  "B": {"Type": "Pass"},
			  "C": {"Type": "Pass", "End": false},
			  "D": {"Type": "Succeed", "Next": "A"}}}`,
			want: []Problem{
				schema("/States/A", "Fields 'Next' and 'End' are mutually exclusive"),
				schema("/States/B", "Exactly one of the fields [Next, End] is required"),
				schema("/States/C/End", "Field 'End' must be true when 'Next' is absent"),
				schema("/States/D", "Field 'Next' is not supported"),
			},
		},
		{
			name: "field types",
			def: `{"StartAt": "A", "TimeoutSeconds": 0, "States": {
			  "A": {"Type": "Pass", "Comment": 1, "Next": 2, "End": "yes", "Parameters": [], "InputPath": 5}}}`,
			want: []Problem{
				schema("/TimeoutSeconds", "Field 'TimeoutSeconds' must be between 1 and 99999999"),
				schema("/States/A/Comment", "Field 'Comment' must be a string"),
				schema("/States/A/Next", "Field 'Next' must be a string"),
				schema("/States/A/End", "Field 'End' must be a boolean"),
				schema("/States/A/InputPath", "The value for the field 'InputPath' must be a valid JSONPath"),
				schema("/States/A/Parameters", "Field 'Parameters' must be an object"),
			},
		},
		{
			name: "paths",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "InputPath": "x", "OutputPath": "$$.Execution.Id", "ResultPath": "$.a[*]", "End": true}}}`,
			want: []Problem{
				schema("/States/A/InputPath", "The value for the field 'InputPath' must be a valid JSONPath"),
				schema("/States/A/ResultPath", "The value for the field 'ResultPath' must be a valid ReferencePath"),
			},
		},
		{
			name: "ResultPath forms",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "ResultPath": "$", "Next": "B"},
			  "B": {"Type": "Pass", "ResultPath": "$['a'][0].b", "Next": "C"},
			  "C": {"Type": "Pass", "ResultPath": "$$.Execution", "End": true}}}`,
			want: []Problem{schema("/States/C/ResultPath", "The value for the field 'ResultPath' must be a valid ReferencePath")},
		},
		{
			name: "template values",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Pass", "Parameters": {"ok.$": "$.x", "ctx.$": "$$.Execution", "n.$": 5, "bad.$": "x.y",
			        "nested": {"call.$": "States.Format(", "arr": [{"p.$": "nope"}]}}, "End": true}}}`,
			want: []Problem{
				schema("/States/A/Parameters", "The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call"),
				schema("/States/A/Parameters", "The value for the field 'n.$' must be a valid JSONPath or a valid intrinsic function call"),
				schema("/States/A/Parameters/nested/arr[0]", "The value for the field 'p.$' must be a valid JSONPath or a valid intrinsic function call"),
				schema("/States/A/Parameters/nested", "The value for the field 'call.$' must be a valid JSONPath or a valid intrinsic function call"),
			},
		},
		{
			name: "Task fields",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Task", "Resource": "lambda", "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t",
			        "HeartbeatSeconds": 5, "End": true},
			  "B": {"Type": "Task", "End": true}}}`,
			want: []Problem{
				schema("/States/A/Resource", "Value is not a valid resource ARN"),
				schema("/States/A", "Fields 'TimeoutSeconds' and 'TimeoutSecondsPath' are mutually exclusive"),
				schema("/States/A/HeartbeatSeconds", "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'"),
				schema("/States/B", "These fields are required: [Resource]"),
			},
		},
		{
			name: "Wait fields",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "Next": "B"},
			  "B": {"Type": "Wait", "Next": "C"},
			  "C": {"Type": "Wait", "Timestamp": "2024-01-02 03:04:05", "Next": "D"},
			  "D": {"Type": "Wait", "Seconds": -1, "End": true}}}`,
			want: []Problem{
				schema("/States/A", "Exactly one of the fields [Seconds, SecondsPath, Timestamp, TimestampPath] is required"),
				schema("/States/B", "Exactly one of the fields [Seconds, SecondsPath, Timestamp, TimestampPath] is required"),
				schema("/States/C/Timestamp", "The value for the field 'Timestamp' must be a valid RFC3339 timestamp"),
				schema("/States/D/Seconds", "Field 'Seconds' must be between 0 and 99999999"),
			},
		},
		{
			name: "Fail fields",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "Cause": "C", "CausePath": "nope"}}}`,
			want: []Problem{
				schema("/States/A", "Fields 'Error' and 'ErrorPath' are mutually exclusive"),
				schema("/States/A", "Fields 'Cause' and 'CausePath' are mutually exclusive"),
				schema("/States/A/CausePath", "The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call"),
			},
		},
		{
			name: "Choice rules",
			def: `{"StartAt": "C", "States": {
			  "C": {"Type": "Choice", "Choices": [
			    {"Variable": "$.a", "Next": "S"},
			    {"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1, "Next": "S"},
			    {"Variable": "$.a", "NumericEquals": "1", "Next": "S"},
			    {"Variable": "$.a", "BooleanEquals": 1, "Next": "S"},
			    {"Variable": "$.a", "TimestampEquals": "yesterday", "Next": "S"},
			    {"Variable": "$.a", "StringEqualsPath": "a.b", "Next": "S"},
			    {"Variable": "nope", "IsNull": true, "Next": "S"},
			    {"StringEquals": "x", "Next": "S"},
			    {"Variable": "$.a", "IsString": true},
			    {"And": [], "Next": "S"},
			    {"Not": {"Variable": "$.a", "IsNull": true, "Next": "S"}, "Next": "S"},
			    {"Or": [{"Variable": "$.a", "IsNull": true}], "Variable": "$.a", "Next": "S"},
			    {"Variable": "$.a", "Foo": 1, "IsNull": true, "Next": "S"}
			  ]},
			  "S": {"Type": "Succeed"}}}`,
			want: []Problem{
				schema("/States/C/Choices[0]", "A Choice Rule must have exactly one of a comparison operator, 'And', 'Or' or 'Not'"),
				schema("/States/C/Choices[1]", "A Choice Rule must have exactly one of a comparison operator, 'And', 'Or' or 'Not'"),
				schema("/States/C/Choices[2]/NumericEquals", "The value for the field 'NumericEquals' must be a number"),
				schema("/States/C/Choices[3]/BooleanEquals", "The value for the field 'BooleanEquals' must be a boolean"),
				schema("/States/C/Choices[4]/TimestampEquals", "The value for the field 'TimestampEquals' must be a valid RFC3339 timestamp"),
				schema("/States/C/Choices[5]/StringEqualsPath", "The value for the field 'StringEqualsPath' must be a valid JSONPath"),
				schema("/States/C/Choices[6]/Variable", "The value for the field 'Variable' must be a valid JSONPath"),
				schema("/States/C/Choices[7]", "These fields are required: [Variable]"),
				schema("/States/C/Choices[8]", "These fields are required: [Next]"),
				schema("/States/C/Choices[9]/And", "Field 'And' must contain at least one Choice Rule"),
				schema("/States/C/Choices[10]/Not", "Field 'Next' is not supported"),
				schema("/States/C/Choices[11]", "A Choice Rule must have exactly one of a comparison operator, 'And', 'Or' or 'Not'"),
				schema("/States/C/Choices[12]", "Field 'Foo' is not supported"),
			},
		},
		{
			name: "empty Choices and States",
			def:  `{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [], "Default": "P"}, "P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {}}], "End": true}}}`,
			want: []Problem{
				schema("/States/C/Choices", "Field 'Choices' must contain at least one Choice Rule"),
				schema("/States/P/Branches[0]/States", "Field 'States' must contain at least one state"),
			},
		},
		{
			name: "transitions are checked only once the shape is sound",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "NOPE", "Bad": 1}}}`,
			want: []Problem{schema("/States/A", "Field 'Bad' is not supported")},
		},
		{
			name: "empty transition names",
			def: `{"StartAt": "", "States": {
			  "A": {"Type": "Pass", "Next": ""},
			  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": ""}], "Default": ""},
			  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true,
			        "Catch": [{"ErrorEquals": ["E"], "Next": ""}]}}}`,
			want: []Problem{
				missing("/StartAt", "Missing 'StartAt' target: "),
				missing("/States/A/Next", "Missing 'Next' target: "),
				missing("/States/C/Choices[0]/Next", "Missing 'Next' target: "),
				missing("/States/C/Default", "Missing 'Next' target: "),
				missing("/States/T/Catch[0]/Next", "Missing 'Next' target: "),
			},
		},
		{
			name: "missing StartAt target in a branch",
			def:  `{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "X", "States": {"Y": {"Type": "Succeed"}}}], "End": true}}}`,
			want: []Problem{missing("/States/P/Branches[0]/StartAt", "Missing 'StartAt' target: X")},
		},
		{
			name: "Retry and Catch",
			def: `{"StartAt": "A", "States": {
			  "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true,
			    "Retry": [
			      {"ErrorEquals": ["States.ALL", "X"]},
			      {"ErrorEquals": []},
			      {"IntervalSeconds": 0, "MaxAttempts": -1, "BackoffRate": 0.5, "MaxDelaySeconds": 0, "JitterStrategy": "HALF", "ErrorEquals": ["E"]},
			      {"ErrorEquals": ["E"], "Bogus": true}
			    ],
			    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}, {"ErrorEquals": ["E"]}]},
			  "B": {"Type": "Succeed"}}}`,
			want: []Problem{
				schema("/States/A/Retry[0]/ErrorEquals", "The error name 'States.ALL' must appear alone in 'ErrorEquals'"),
				schema("/States/A/Retry[0]", "A Retrier whose 'ErrorEquals' contains 'States.ALL' must be the last one"),
				schema("/States/A/Retry[1]/ErrorEquals", "Field 'ErrorEquals' must be a non-empty array of strings"),
				schema("/States/A/Retry[2]/IntervalSeconds", "Field 'IntervalSeconds' must be between 1 and 99999999"),
				schema("/States/A/Retry[2]/MaxAttempts", "Field 'MaxAttempts' must be between 0 and 99999999"),
				schema("/States/A/Retry[2]/BackoffRate", "Field 'BackoffRate' must be between 1 and 1.7976931348623157e+308"),
				schema("/States/A/Retry[2]/MaxDelaySeconds", "Field 'MaxDelaySeconds' must be between 1 and 31622400"),
				schema("/States/A/Retry[2]/JitterStrategy", "The value for the field 'JitterStrategy' must be one of [FULL, NONE]"),
				schema("/States/A/Retry[3]", "Field 'Bogus' is not supported"),
				schema("/States/A/Catch[0]", "A Catcher whose 'ErrorEquals' contains 'States.ALL' must be the last one"),
				schema("/States/A/Catch[1]", "These fields are required: [Next]"),
			},
		},
		{
			name: "Map fields",
			def: `{"StartAt": "M", "States": {
			  "M": {"Type": "Map", "ItemReader": {}, "Label": "has space", "MaxConcurrency": 1, "MaxConcurrencyPath": "$.m",
			        "Parameters": {}, "ItemSelector": {},
			        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}},
			        "Next": "N"},
			  "N": {"Type": "Map", "ToleratedFailureCount": 1, "Iterator": {"StartAt": "J", "ProcessorConfig": {}, "States": {"J": {"Type": "Succeed"}}}, "Next": "O"},
			  "O": {"Type": "Map", "End": true}}}`,
			want: []Problem{
				schema("/States/M/ItemProcessor/ProcessorConfig", "These fields are required: [ExecutionType]"),
				schema("/States/M", "Fields 'ItemSelector' and 'Parameters' are mutually exclusive"),
				schema("/States/M", "Fields 'MaxConcurrency' and 'MaxConcurrencyPath' are mutually exclusive"),
				schema("/States/M/Label", "The value for the field 'Label' must be at most 40 characters and contain no whitespace, control characters or any of ?*<>{}[]:;,\\|^~$#%&`\""),
				schema("/States/N/Iterator", "Field 'ProcessorConfig' is not supported"),
				schema("/States/N", "Field 'ToleratedFailureCount' is only supported when the ProcessorConfig Mode is 'DISTRIBUTED'"),
				schema("/States/O", "These fields are required: [ItemProcessor]"),
			},
		},
		{
			name: "state name too long",
			def:  `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "` + long81 + `"}, "` + long81 + `": {"Type": "Succeed"}}}`,
			want: []Problem{schema("/States/"+long81, "State name must be between 1 and 80 characters")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := Parse(tt.def)
			var de *DefinitionError
			if !errors.As(err, &de) {
				t.Fatalf("Parse() = %v, %v; want *DefinitionError", d, err)
			}
			if diff := cmp.Diff(tt.want, de.Problems); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

const long81 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

func TestDefinitionErrorMessage(t *testing.T) {
	t.Parallel()
	_, err := Parse(`{"StartAt": "pass1", "States": {
	  "pass1": {"Type": "Pass", "Next": "pass3"},
	  "pass2": {"Type": "Pass", "End": true}}}`)
	// The shape AWS returned for this definition (localstack/localstack#12487).
	want := `Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'`
	if err == nil || err.Error() != want {
		t.Errorf("Parse() error =\n%v\nwant\n%s", err, want)
	}

	_, err = Parse(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "A"}}}`)
	want = `Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'`
	if err == nil || err.Error() != want {
		t.Errorf("Parse() error =\n%v\nwant\n%s", err, want)
	}
}
