package sfnmem

import (
	"bytes"
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// The executions a restored engine holds share the snapshot of the state
// machine they started with, as in the engine that wrote the snapshot (a
// snapshot writes the definition with each execution): those that started
// before an update share one, those after it another.
func TestRestoredExecutionsShareTheirSource(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := New()
	def := func(result string) *string {
		return aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"` + result + `","End":true}}}`)
	}
	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("m"), Definition: def("a"),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	var arns []string
	start := func() {
		out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
		if err != nil {
			t.Fatal(err)
		}
		arns = append(arns, *out.ExecutionArn)
	}
	start()
	start()
	if _, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: sm.StateMachineArn, Definition: def("b")}); err != nil {
		t.Fatal(err)
	}
	start()
	start()
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	r := New()
	if err := r.Restore(&buf); err != nil {
		t.Fatal(err)
	}
	var xs []*executionState
	for _, arn := range arns {
		xs = append(xs, executionOf(r, arn))
	}
	if xs[0].source != xs[1].source || xs[2].source != xs[3].source || xs[1].source == xs[2].source {
		t.Errorf("sources: %p %p (before the update, want one) %p %p (after it, want another)",
			xs[0].source, xs[1].source, xs[2].source, xs[3].source)
	}
	if got := xs[3].source.definition; got != *def("b") {
		t.Errorf("the last execution's source definition is %s, want %s", got, *def("b"))
	}
}
