package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem"
)

// A lambda:invoke task finds its handler by FunctionName in any of its
// forms, and a handler registered after a FunctionName was first looked up
// (and not found) is found from then on: the engine remembers the keys a
// FunctionName maps to, not which handler answered.
func TestLambdaInvokeFindsHandlerByFunctionName(t *testing.T) {
	t.Parallel()
	const fnARN = "arn:aws:lambda:us-east-1:123456789012:function:late"
	tests := []struct{ name, functionName string }{
		{"bare name", "late"},
		{"name and alias", "late:live"},
		{"full ARN", fnARN},
		{"qualified ARN", fnARN + ":3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			def := `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",` +
				`"Parameters":{"FunctionName":"` + tt.functionName + `","Payload.$":"$"},"OutputPath":"$.Payload","End":true}}}`
			sm := mustCreate(t, e, "m", def)
			if got := mustDescribe(t, e, mustStart(t, e, sm, "before", `{}`)).Status; got != types.ExecutionStatusFailed {
				t.Fatalf("with no handler: %s, want FAILED", got)
			}
			e.HandleTask(fnARN, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
				return json.RawMessage(`{"got":` + string(in.Input) + `}`), nil
			})
			out := mustDescribe(t, e, mustStart(t, e, sm, "after", `{"k":"v"}`))
			if out.Status != types.ExecutionStatusSucceeded || out.Output == nil || *out.Output != `{"got":{"k":"v"}}` {
				t.Errorf("with the handler: %s %v, want SUCCEEDED with the payload echoed", out.Status, out.Output)
			}
		})
	}
}

// TestHandleTaskReplacesAHandlerInUse: registering again under a Resource
// that tasks have already used replaces the handler for the next tasks
// (the engine remembers the last handler it found, and must forget it).
func TestHandleTaskReplacesAHandlerInUse(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	const res = "arn:aws:lambda:us-east-1:123456789012:function:f"
	e.HandleTask(res, handler(`"first"`))
	sm := mustCreate(t, e, "sm", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+res+`","End":true}}}`)
	first := mustStart(t, e, sm, "one", `{}`)
	e.HandleTask(res, handler(`"second"`))
	second := mustStart(t, e, sm, "two", `{}`)
	for arn, want := range map[string]string{first: `"first"`, second: `"second"`} {
		if got := aws.ToString(mustDescribe(t, e, arn).Output); got != want {
			t.Errorf("%s: output %s, want %s", arn, got, want)
		}
	}
}
