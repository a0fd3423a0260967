package sfnmem_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// DescribeStateMachineForExecution returns the definition the execution
// started with, not the machine's current one.
func TestDescribeStateMachineForExecution(t *testing.T) {
	e, _ := newEngine(t)
	before := `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	after := `{"StartAt":"Q","States":{"Q":{"Type":"Pass","End":true}}}`
	sm := mustCreate(t, e, "m", before)
	arn := mustStart(t, e, sm, "x", `{}`)
	if _, err := e.UpdateStateMachine(context.Background(), &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: &after}); err != nil {
		t.Fatal(err)
	}
	out, err := e.DescribeStateMachineForExecution(context.Background(), &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatalf("DescribeStateMachineForExecution = %v", err)
	}
	if aws.ToString(out.Definition) != before || aws.ToString(out.StateMachineArn) != sm || aws.ToString(out.Name) != "m" || out.MapRunArn != nil {
		t.Errorf("got definition %s, arn %s, name %s", aws.ToString(out.Definition), aws.ToString(out.StateMachineArn), aws.ToString(out.Name))
	}
	// Executions share the machine as they saw it (one snapshot while it
	// does not change); one started after each update sees that update.
	const role2 = "arn:aws:iam::123456789012:role/other"
	y := mustStart(t, e, sm, "y", `{}`)
	if _, err := e.UpdateStateMachine(context.Background(), &sfn.UpdateStateMachineInput{StateMachineArn: &sm, RoleArn: aws.String(role2)}); err != nil {
		t.Fatal(err)
	}
	z := mustStart(t, e, sm, "z", `{}`)
	for _, c := range []struct{ arn, def, role string }{{arn, before, ""}, {y, after, ""}, {z, after, role2}} {
		out, err := e.DescribeStateMachineForExecution(context.Background(), &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: &c.arn})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(out.Definition) != c.def || (c.role != "" && aws.ToString(out.RoleArn) != c.role) || (c.role == "" && aws.ToString(out.RoleArn) == role2) {
			t.Errorf("%s: definition %s, role %s; want %s, %q", c.arn, aws.ToString(out.Definition), aws.ToString(out.RoleArn), c.def, c.role)
		}
	}
	_, err = e.DescribeStateMachineForExecution(context.Background(), &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: aws.String(arn + "-nope")})
	wantAPIError[*types.ExecutionDoesNotExist](t, "DescribeStateMachineForExecution(unknown)", err)
}
