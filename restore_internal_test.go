package sfnmem

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
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

// A snapshot an older version wrote names a waiting task by a token of the
// older form (a 19-character prefix, 96 bits of a hash, listed in the
// snapshot's Tokens): restored, the token still completes its task, and a
// token of the same form that the snapshot does not list is invalid.
func TestRestoredOlderTokenNamesItsTask(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := New()
	var token string
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f", func(_ context.Context, in TaskInput) (json.RawMessage, error) {
		token = in.TaskToken
		return nil, ErrTaskPending
	})
	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("m"),
		Definition: aws.String(`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}`),
		RoleArn:    aws.String("arn:aws:iam::123456789012:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	out, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	const older = "AQBLYhboJGJLlwxYG1r" // the form a 96-bit hash took
	old := bytes.ReplaceAll(buf.Bytes(), []byte(`"`+token+`"`), []byte(`"`+older+`.3"`))
	var snap map[string]any
	if err := json.Unmarshal(old, &snap); err != nil {
		t.Fatal(err)
	}
	snap["Tokens"] = []any{map[string]any{"Token": older, "Execution": 0}}
	if old, err = json.Marshal(snap); err != nil {
		t.Fatal(err)
	}
	r := New()
	if err := r.Restore(bytes.NewReader(old)); err != nil {
		t.Fatal(err)
	}
	unknown := "AQBLYhboJGJLlwxYG1s.3"
	var invalid *types.InvalidToken
	if _, err := r.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &unknown, Output: aws.String(`{}`)}); !errors.As(err, &invalid) {
		t.Errorf("a token of the older form the snapshot does not list: %v, want InvalidToken", err)
	}
	if _, err := r.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(older + ".3"), Output: aws.String(`{"done":1}`)}); err != nil {
		t.Fatalf("the restored older token: %v", err)
	}
	d, err := r.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: out.ExecutionArn})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"done":1}` {
		t.Errorf("after the older token's success: %s %s, want SUCCEEDED with its output", d.Status, aws.ToString(d.Output))
	}
}

// A snapshot's seqs are taken when they increase through its list (gaps
// are the executions replaced by restarted Express children); seqs that
// repeat or go back, as older versions wrote, or that leap past what a
// list of that length could hold, are not, and the list's order numbers
// the executions instead.
func TestIncreasingSeqs(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		seqs []int
		want bool
	}{
		{nil, true},
		{[]int{0, 1, 2}, true},
		{[]int{0, 2, 5}, true},
		{[]int{0, 1, 1}, false},
		{[]int{1, 0}, false},
		{[]int{-1, 0}, false},
		{[]int{0, 1<<20 + 9}, false},
	} {
		var xs []executionRecord
		for _, s := range tt.seqs {
			xs = append(xs, executionRecord{Seq: s})
		}
		if got := increasingSeqs(xs); got != tt.want {
			t.Errorf("increasingSeqs(%v) = %v, want %v", tt.seqs, got, tt.want)
		}
	}
}
