package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem"
)

// The engine remembers the execution input it decoded last (a test starts
// execution after execution with one input). Remembering must not show:
// the first state's Entered event keeps each input as written, a Task's
// scheduled input is its compact JSON, the handler gets the input of its own
// execution, and an invalid input is refused whatever came before.
func TestExecutionInputsStayTheirOwn(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	var got []string
	e.HandleTask(benchPeerTask, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		got = append(got, string(in.Input))
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "m", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+benchPeerTask+`","End":true}}}`)
	inputs := []struct{ text, compact string }{
		{`{"a":1}`, `{"a":1}`},
		{`{"a":1}`, `{"a":1}`},
		{`{ "a" : 1 }`, `{"a":1}`},
		{`{ "a" : 1 }`, `{"a":1}`},
		{`{"b":2,"a":1}`, `{"a":1,"b":2}`},
		{`{"a":1}`, `{"a":1}`},
		{`[1, 2]`, `[1,2]`},
	}
	for i, in := range inputs {
		arn := mustStart(t, e, sm, fmt.Sprint("run", i), in.text)
		events := mustEvents(t, e, arn)
		if entered := aws.ToString(events[1].StateEnteredEventDetails.Input); entered != in.text {
			t.Errorf("input %q: TaskStateEntered input %q, want it as written", in.text, entered)
		}
		if params := aws.ToString(events[2].LambdaFunctionScheduledEventDetails.Input); params != in.compact {
			t.Errorf("input %q: LambdaFunctionScheduled input %q, want %q", in.text, params, in.compact)
		}
		if got[i] != in.compact {
			t.Errorf("input %q: the handler got %q, want %q", in.text, got[i], in.compact)
		}
	}
	for _, bad := range []string{`{"a":1`, "", "\xff"} {
		_, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(bad)})
		var invalid *types.InvalidExecutionInput
		if !errors.As(err, &invalid) {
			t.Errorf("input %q after valid ones: %v, want InvalidExecutionInput", bad, err)
		}
	}
}

// Executions started at once from many goroutines, with inputs that
// alternate, each run with its own input (go test -race checks the rest).
func TestExecutionInputsConcurrently(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "m", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				in := fmt.Sprintf(`{"n":%d}`, (g+i)%3)
				out, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(in)})
				if err != nil {
					t.Error(err)
					return
				}
				if d := mustDescribe(t, e, *out.ExecutionArn); aws.ToString(d.Output) != in {
					t.Errorf("input %s: output %s", in, aws.ToString(d.Output))
				}
			}
		}()
	}
	wg.Wait()
}
