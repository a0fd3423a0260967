package sfnmem_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

const callbackDef = `{"StartAt":"Publish","States":{"Publish":{"Type":"Task",
	"Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"t.$":"$$.Task.Token"},"End":true}}}`

// ValidateStateMachineDefinition reports what CreateStateMachine would
// refuse, as diagnostics; EXPRESS machines may not wait for a task token,
// with AWS's recorded message (two spaces before "at").
func TestValidateStateMachineDefinition(t *testing.T) {
	e, _ := newEngine(t)
	ctx := context.Background()
	tests := []struct {
		name string
		in   *sfn.ValidateStateMachineDefinitionInput
		want *sfn.ValidateStateMachineDefinitionOutput
	}{
		{"valid", &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)},
			&sfn.ValidateStateMachineDefinitionOutput{Result: types.ValidateStateMachineDefinitionResultCodeOk,
				Diagnostics: []types.ValidateStateMachineDefinitionDiagnostic{}, Truncated: aws.Bool(false)}},
		{"missing fields", &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(`{}`)},
			&sfn.ValidateStateMachineDefinitionOutput{Result: types.ValidateStateMachineDefinitionResultCodeFail,
				Diagnostics: []types.ValidateStateMachineDefinitionDiagnostic{{Code: aws.String("SCHEMA_VALIDATION_FAILED"),
					Message: aws.String("These fields are required: [StartAt, States]"), Location: aws.String("/"),
					Severity: types.ValidateStateMachineDefinitionSeverityError}},
				Truncated: aws.Bool(false)}},
		{"express callback", &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(callbackDef), Type: types.StateMachineTypeExpress},
			&sfn.ValidateStateMachineDefinitionOutput{Result: types.ValidateStateMachineDefinitionResultCodeFail,
				Diagnostics: []types.ValidateStateMachineDefinitionDiagnostic{{Code: aws.String("SCHEMA_VALIDATION_FAILED"),
					Message:  aws.String("Express state machine does not support '.waitForTaskToken' service integration "),
					Location: aws.String("/States/Publish/Resource"), Severity: types.ValidateStateMachineDefinitionSeverityError}},
				Truncated: aws.Bool(false)}},
	}
	for _, tt := range tests {
		got, err := e.ValidateStateMachineDefinition(ctx, tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, got, sdkcmp.Options); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
	_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("x"), RoleArn: aws.String(role),
		Definition: aws.String(callbackDef), Type: types.StateMachineTypeExpress})
	d := wantAPIError[*types.InvalidDefinition](t, "CreateStateMachine(EXPRESS with a callback)", err)
	if want := "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/Publish/Resource'"; d.ErrorMessage() != want {
		t.Errorf("message = %q, want %q", d.ErrorMessage(), want)
	}
}
