package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

// A handler that ignores its context cannot hold StartExecution past the
// task's TimeoutSeconds: when the clock reaches the timeout, the task times
// out, the handler's context is cancelled, and the call returns.
func TestHandlerBoundedByTaskTimeout(t *testing.T) {
	e, clk := newEngine(t)
	started := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	var sawCancel = make(chan bool, 1)
	e.HandleTask(workFn, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		close(started)
		<-release // ignores ctx until the test ends
		sawCancel <- ctx.Err() != nil
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "slow", `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"`+workFn+`","TimeoutSeconds":30,"End":true}}}`)
	done := make(chan string, 1)
	go func() { done <- mustStart(t, e, sm, "x", `{}`) }()
	<-started
	clk.Advance(30 * time.Second)
	var arn string
	select {
	case arn = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("StartExecution still blocked after the task's timeout")
	}
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.Timeout" {
		t.Errorf("status %s error %s; want FAILED States.Timeout", d.Status, aws.ToString(d.Error))
	}
	release <- struct{}{}
	if !<-sawCancel {
		t.Error("the handler's context was not cancelled when its task timed out")
	}
}
