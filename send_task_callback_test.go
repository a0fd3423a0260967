package sfnmem_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

// With WithExternalCallbacks, a .waitForTaskToken task with no handler waits
// for SendTaskSuccess; its token is in TaskScheduled's parameters. Without
// it the task fails, naming its resource (the DESIGN contract).
func TestCallbackWithoutHandler(t *testing.T) {
	plain, _ := newEngine(t)
	failed := mustStart(t, plain, mustCreate(t, plain, "cb", `{"StartAt":"Ask","States":{"Ask":{"Type":"Task",
		"Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`), "x", `{}`)
	if d := mustDescribe(t, plain, failed); d.Status != types.ExecutionStatusFailed || !strings.Contains(aws.ToString(d.Cause), "sendMessage.waitForTaskToken") {
		t.Errorf("without the option: %s %s; want FAILED naming the resource", d.Status, aws.ToString(d.Cause))
	}

	e, _ := newEngine(t, sfnmem.WithExternalCallbacks())
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
