package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// A .waitForTaskToken task with no handler waits for SendTaskSuccess; its
// token is in TaskScheduled's parameters.
func TestCallbackWithoutHandlerWaits(t *testing.T) {
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "cb", `{"StartAt":"Ask","States":{"Ask":{"Type":"Task",
		"Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"token.$":"$$.Task.Token"},"End":true}}}`)
	arn := mustStart(t, e, sm, "x", `{}`)
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusRunning {
		t.Fatalf("status = %s, want RUNNING", got)
	}
	var token string
	for _, ev := range mustEvents(t, e, arn) {
		if d := ev.TaskScheduledEventDetails; d != nil {
			var p struct{ Token string }
			if err := json.Unmarshal([]byte(aws.ToString(d.Parameters)), &p); err != nil {
				t.Fatal(err)
			}
			token = p.Token
		}
	}
	if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &token, Output: aws.String(`{"ok":1}`)}); err != nil {
		t.Fatalf("SendTaskSuccess = %v", err)
	}
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"ok":1}` {
		t.Errorf("status %s output %s; want SUCCEEDED {\"ok\":1}", d.Status, aws.ToString(d.Output))
	}
}
