package asl

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// fixedRand is a deterministic intrinsic.Rand.
type fixedRand struct{}

func (fixedRand) Int64N(n int64) int64 { return n - 1 }
func (fixedRand) UUID() string         { return "00000000-0000-4000-8000-000000000000" }

func decode(t *testing.T, s string) any {
	t.Helper()
	v, err := jsonv.DecodeString(s)
	if err != nil {
		t.Fatalf("DecodeString(%s): %v", s, err)
	}
	return v
}

func TestTemplateApply(t *testing.T) {
	t.Parallel()
	input := `{"a": 1, "b": {"c": [10, 20, 30]}, "s": "x"}`
	ctx := `{"Execution": {"Id": "arn:exec", "Input": {"k": "v"}}, "Map": {"Item": {"Index": 2}}}`
	tests := []struct {
		name     string
		template string
		want     string
	}{
		{"literals are copied", `{"n": 1, "o": {"p": [true, null, "s"]}}`, `{"n": 1, "o": {"p": [true, null, "s"]}}`},
		{"input path", `{"x.$": "$.a", "y.$": "$.b.c[1]"}`, `{"x": 1, "y": 20}`},
		{"whole input", `{"all.$": "$"}`, `{"all": {"a": 1, "b": {"c": [10, 20, 30]}, "s": "x"}}`},
		{"context path", `{"id.$": "$$.Execution.Id", "i.$": "$$.Map.Item.Index"}`, `{"id": "arn:exec", "i": 2}`},
		{"indefinite path gives an array", `{"big.$": "$.b.c[?(@ > 15)]"}`, `{"big": [20, 30]}`},
		{"nested objects", `{"o": {"deep": {"v.$": "$.s"}}}`, `{"o": {"deep": {"v": "x"}}}`},
		{"objects inside arrays", `{"list": [{"v.$": "$.a"}, 2]}`, `{"list": [{"v": 1}, 2]}`},
		{"intrinsic", `{"arr.$": "States.Array($.a, $.s)", "id.$": "States.UUID()"}`, `{"arr": [1, "x"], "id": "00000000-0000-4000-8000-000000000000"}`},
		{"path field overrides literal of the same name", `{"a": "literal", "a.$": "$.s"}`, `{"a": "x"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tmpl, err := NewTemplate(decode(t, tt.template))
			if err != nil {
				t.Fatalf("NewTemplate: %v", err)
			}
			in := decode(t, input)
			got, err := tmpl.Apply(in, decode(t, ctx), fixedRand{})
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if diff := cmp.Diff(decode(t, tt.want), got); diff != "" {
				t.Errorf("Apply (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(decode(t, input), in); diff != "" {
				t.Errorf("input modified (-want +got):\n%s", diff)
			}
		})
	}
}

// Apply modifies neither its input nor the template: values are immutable,
// so the output may share structure with both (docs/decisions.md).
func TestTemplateApplyLeavesInputsAlone(t *testing.T) {
	t.Parallel()
	tmpl, err := NewTemplate(map[string]any{"b.$": "$.b", "lit": map[string]any{"k": 1}})
	if err != nil {
		t.Fatal(err)
	}
	in := decode(t, `{"b": {"c": 1}}`)
	out, err := tmpl.Apply(in, nil, fixedRand{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(decode(t, `{"b": {"c": 1}, "lit": {"k": 1}}`), out); diff != "" {
		t.Errorf("Apply (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(decode(t, `{"b": {"c": 1}}`), in); diff != "" {
		t.Errorf("input modified (-want +got):\n%s", diff)
	}
	again, _ := tmpl.Apply(in, nil, fixedRand{})
	if diff := cmp.Diff(decode(t, `{"b": {"c": 1}, "lit": {"k": 1}}`), again); diff != "" {
		t.Errorf("template modified (-want +got):\n%s", diff)
	}
}

func TestTemplateApplyErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		template string
		input    string
		want     *RuntimeError
	}{
		{
			name:     "path selects nothing",
			template: `{"missing.$": "$.nope.deep"}`,
			input:    `{"other": 1}`,
			want:     &RuntimeError{Name: ErrRuntime, Cause: `The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{"other":1}'`},
		},
		{
			name:     "nested field",
			template: `{"o": {"event.$": "$.event"}}`,
			input:    `{}`,
			want:     &RuntimeError{Name: ErrRuntime, Cause: `The JSONPath '$.event' specified for the field 'event.$' could not be found in the input '{}'`},
		},
		{
			name:     "intrinsic failure keeps its name",
			template: `{"j.$": "States.StringToJson($.s)"}`,
			input:    `{"s": "not json"}`,
			want:     &RuntimeError{Name: ErrIntrinsicFailure},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tmpl, err := NewTemplate(decode(t, tt.template))
			if err != nil {
				t.Fatalf("NewTemplate: %v", err)
			}
			_, err = tmpl.Apply(decode(t, tt.input), map[string]any{}, fixedRand{})
			var re *RuntimeError
			if !errors.As(err, &re) {
				t.Fatalf("Apply() error = %v, want *RuntimeError", err)
			}
			if re.Name != tt.want.Name || (tt.want.Cause != "" && re.Cause != tt.want.Cause) {
				t.Errorf("Apply() error = %#v, want %#v", re, tt.want)
			}
		})
	}
}

func TestNewTemplateRejects(t *testing.T) {
	t.Parallel()
	_, err := NewTemplate(map[string]any{"x.$": 3, "y": []any{map[string]any{"z.$": "States.Nope("}}})
	var de *DefinitionError
	if !errors.As(err, &de) {
		t.Fatalf("NewTemplate() error = %v, want *DefinitionError", err)
	}
	want := []Problem{
		{Code: CodeSchemaValidationFailed, Message: "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call", Location: ""},
		{Code: CodeSchemaValidationFailed, Message: "The value for the field 'z.$' must be a valid JSONPath or a valid intrinsic function call", Location: "/y[0]"},
	}
	if diff := cmp.Diff(want, de.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestNewTemplateNormalisesGoValues(t *testing.T) {
	t.Parallel()
	tmpl, err := NewTemplate(map[string]any{"n": 3, "f": float32(1.5)})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := tmpl.Apply(nil, nil, fixedRand{})
	if diff := cmp.Diff(map[string]any{"n": int64(3), "f": 1.5}, got); diff != "" {
		t.Errorf("Apply (-want +got):\n%s", diff)
	}
}

func TestNilTemplate(t *testing.T) {
	t.Parallel()
	var tmpl *Template
	in := decode(t, `{"a": 1}`)
	got, err := tmpl.Apply(in, nil, fixedRand{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("nil Apply (-want +got):\n%s", diff)
	}
	if tmpl.Raw() != nil {
		t.Errorf("nil Raw() = %v, want nil", tmpl.Raw())
	}
}
