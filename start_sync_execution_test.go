package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

func mustCreateExpress(t *testing.T, e *sfnmem.Engine, name, def string) string {
	t.Helper()
	out, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: &name, Definition: &def, RoleArn: aws.String(role), Type: types.StateMachineTypeExpress})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s) = %v", name, err)
	}
	return aws.ToString(out.StateMachineArn)
}

func TestStartSyncExecution(t *testing.T) {
	e, clk := newEngine(t)
	ctx := context.Background()
	e.HandleTask(workFn, failing(1, "Work.Failed", `{"ok":true}`, new(int)))
	sm := mustCreateExpress(t, e, "sync", `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"`+workFn+`","End":true}}}`)

	failed, err := e.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &sm, Name: aws.String("a"), Input: aws.String(`{"n":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	if failed.Status != types.SyncExecutionStatusFailed || aws.ToString(failed.Error) != "Work.Failed" || failed.Output != nil {
		t.Errorf("first run: %s %s, output %v; want FAILED Work.Failed, no output", failed.Status, aws.ToString(failed.Error), failed.Output)
	}
	ok, err := e.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &sm, Name: aws.String("b"), Input: aws.String(`{"n":2}`)})
	if err != nil {
		t.Fatal(err)
	}
	want := &sfn.StartSyncExecutionOutput{
		ExecutionArn: ok.ExecutionArn, StateMachineArn: &sm, Name: aws.String("b"),
		Status: types.SyncExecutionStatusSucceeded, StartDate: aws.Time(t0), StopDate: aws.Time(t0),
		Input: aws.String(`{"n":2}`), InputDetails: &types.CloudWatchEventsExecutionDataDetails{Included: true},
		Output: aws.String(`{"ok":true}`), OutputDetails: &types.CloudWatchEventsExecutionDataDetails{Included: true},
		BillingDetails: &types.BillingDetails{BilledDurationInMilliseconds: 100, BilledMemoryUsedInMB: 64},
	}
	if diff := cmp.Diff(want, ok, sdkcmp.Options); diff != "" {
		t.Errorf("StartSyncExecution (-want +got):\n%s", diff)
	}

	// An execution whose task is left open blocks the call until the task
	// is completed from another goroutine.
	const slowFn = "arn:aws:lambda:us-east-1:123456789012:function:slow"
	tokens := make(chan string, 1)
	e.HandleTask(slowFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		tokens <- in.TaskToken
		return nil, sfnmem.ErrTaskPending
	})
	slow := mustCreateExpress(t, e, "slow", `{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"`+slowFn+`","End":true}}}`)
	done := make(chan *sfn.StartSyncExecutionOutput, 1)
	go func() {
		out, err := e.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &slow})
		if err != nil {
			t.Error(err)
		}
		done <- out
	}()
	token := <-tokens
	clk.Advance(1500 * time.Millisecond)
	if _, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`"late"`)}); err != nil {
		t.Fatal(err)
	}
	select {
	case out := <-done:
		if out.Status != types.SyncExecutionStatusSucceeded || aws.ToString(out.Output) != `"late"` || out.BillingDetails.BilledDurationInMilliseconds != 1500 {
			t.Errorf("after SendTaskSuccess: %s %s, billed %d ms; want SUCCEEDED \"late\", 1500", out.Status, aws.ToString(out.Output), out.BillingDetails.BilledDurationInMilliseconds)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("StartSyncExecution still blocked after its task completed")
	}

	standard := mustCreate(t, e, "std", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	_, err = e.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &standard})
	if got := wantAPIError[*types.StateMachineTypeNotSupported](t, "StartSyncExecution(STANDARD)", err); got.ErrorMessage() != "This operation is not supported by this type of state machine" {
		t.Errorf("message = %q", got.ErrorMessage())
	}
}
