package asl

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSelect(t *testing.T) {
	t.Parallel()
	input := `{"a": {"b": [1, 2, {"c": "x"}]}, "n": null}`
	ctx := `{"Execution": {"Name": "e1"}}`
	tests := []struct {
		name      string
		path      string
		want      string
		wantCause string
	}{
		{"root", "$", input, ""},
		{"nested", "$.a.b[2].c", `"x"`, ""},
		{"bracket name", "$['a']['b'][0]", `1`, ""},
		{"null value is found", "$.n", `null`, ""},
		{"context", "$$.Execution.Name", `"e1"`, ""},
		{"indefinite", "$.a.b[*]", `[1, 2, {"c": "x"}]`, ""},
		{"missing leaf", "$.Payload", "", "Invalid path '$.Payload' : No results for path: $['Payload']"},
		{"missing nested leaf", "$.a.nope", "", "Invalid path '$.a.nope' : No results for path: $['a']['nope']"},
		{"missing intermediate", "$.x.y", "", "Invalid path '$.x.y' : Missing property in path $['x']"},
		{"index out of range", "$.a.b[7]", "", "Invalid path '$.a.b[7]' : No results for path: $['a']['b'][7]"},
		{"missing in context", "$$.Execution.Id", "", "Invalid path '$$.Execution.Id' : No results for path: $['Execution']['Id']"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Select(tt.path, decode(t, input), decode(t, ctx))
			if tt.wantCause != "" {
				var re *RuntimeError
				if !errors.As(err, &re) || re.Name != ErrRuntime || re.Cause != tt.wantCause {
					t.Fatalf("Select(%s) error = %v, want States.Runtime: %s", tt.path, err, tt.wantCause)
				}
				return
			}
			if err != nil {
				t.Fatalf("Select(%s): %v", tt.path, err)
			}
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("Select(%s) (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

func TestApplyInputPath(t *testing.T) {
	t.Parallel()
	input := `{"a": {"b": 1}}`
	tests := []struct {
		name string
		p    Path
		want string
	}{
		{"absent keeps the whole input", Path{}, input},
		{"null gives an empty object", Path{Set: true, Null: true}, `{}`},
		{"path selects", Path{Set: true, Value: "$.a"}, `{"b": 1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := decode(t, input)
			got, err := ApplyInputPath(tt.p, in, nil)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			// Values are immutable (docs/decisions.md): the result may share
			// structure with the input, and the input is left as it was.
			if diff := cmp.Diff(decode(t, input), in); diff != "" {
				t.Errorf("input modified (-want +got):\n%s", diff)
			}
		})
	}
	_, err := ApplyInputPath(Path{Set: true, Value: "$.zzz"}, decode(t, input), nil)
	var re *RuntimeError
	if !errors.As(err, &re) || re.Name != ErrRuntime {
		t.Errorf("ApplyInputPath(missing) error = %v, want States.Runtime", err)
	}
}

func TestApplyResultPath(t *testing.T) {
	t.Parallel()
	input := `{"a": 1, "o": {"k": "v"}}`
	result := `{"r": true}`
	tests := []struct {
		name      string
		rp        Path
		input     string
		want      string
		wantCause string
	}{
		{"absent replaces input", Path{}, input, result, ""},
		{"dollar replaces input", Path{Set: true, Value: "$"}, input, result, ""},
		{"null keeps input", Path{Set: true, Null: true}, input, input, ""},
		{"new field", Path{Set: true, Value: "$.res"}, input, `{"a": 1, "o": {"k": "v"}, "res": {"r": true}}`, ""},
		{"replace field", Path{Set: true, Value: "$.a"}, input, `{"a": {"r": true}, "o": {"k": "v"}}`, ""},
		{"creates intermediates", Path{Set: true, Value: "$.x.y"}, input, `{"a": 1, "o": {"k": "v"}, "x": {"y": {"r": true}}}`, ""},
		{"input not an object", Path{Set: true, Value: "$.partitioned"}, `"{\"min_size\":1}"`, "",
			`Unable to apply ReferencePath $.partitioned to input "{\"min_size\":1}"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := decode(t, tt.input)
			res := decode(t, result)
			got, err := ApplyResultPath(tt.rp, in, res)
			if tt.wantCause != "" {
				var re *RuntimeError
				if !errors.As(err, &re) || re.Name != ErrRuntime || re.Cause != tt.wantCause {
					t.Fatalf("ApplyResultPath error = %v, want States.Runtime: %s", err, tt.wantCause)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(decode(t, tt.input), in); diff != "" {
				t.Errorf("input modified (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(decode(t, result), res); diff != "" {
				t.Errorf("result modified (-want +got):\n%s", diff)
			}
		})
	}
}
