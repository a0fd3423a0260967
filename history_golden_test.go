package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/golden"
)

const (
	chargeFn = "arn:aws:lambda:us-east-1:123456789012:function:charge"
	shipFn   = "arn:aws:lambda:us-east-1:123456789012:function:ship"
)

// Each case runs one machine and compares its full history with a golden
// file; the histories follow the event order and links recorded against AWS
// (aws-recorded.md 3.7, research notes).
func TestGoldenHistories(t *testing.T) {
	tests := []struct {
		name  string
		def   string
		input string
		setup func(e *sfnmem.Engine)
		after func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string)
	}{
		{
			name: "pass_task_succeed",
			def: `{"StartAt":"Prepare","States":{
				"Prepare":{"Type":"Pass","Result":{"amount":42},"ResultPath":"$.order","Next":"Charge"},
				"Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
				  "Parameters":{"FunctionName":"` + chargeFn + `","Payload.$":"$.order"},
				  "ResultSelector":{"receipt.$":"$.Payload.receipt"},"ResultPath":"$.charge","Next":"Done"},
				"Done":{"Type":"Succeed"}}}`,
			input: `{"customer": "c-1"}`,
			setup: func(e *sfnmem.Engine) { e.HandleTask(chargeFn, handler(`{"receipt":"r-1"}`)) },
		},
		{
			name: "retry_then_catch",
			def: `{"StartAt":"Charge","States":{
				"Charge":{"Type":"Task","Resource":"` + chargeFn + `",
				  "Retry":[{"ErrorEquals":["Payment.Declined"],"IntervalSeconds":2,"MaxAttempts":2,"BackoffRate":3}],
				  "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Refund"}],"End":true},
				"Refund":{"Type":"Pass","End":true}}}`,
			input: `{"order":1}`,
			setup: func(e *sfnmem.Engine) {
				calls := 0
				e.HandleTask(chargeFn, failing(10, "Payment.Declined", `{}`, &calls))
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(2 * time.Second) // first retry
				clk.Advance(6 * time.Second) // second retry, then caught
			},
		},
		{
			name: "choice_no_match",
			def: `{"StartAt":"Route","States":{
				"Route":{"Type":"Choice","Choices":[{"Variable":"$.kind","StringEquals":"book","Next":"Book"}]},
				"Book":{"Type":"Succeed"}}}`,
			input: `{"kind":"film"}`,
		},
		{
			name: "wait_advanced",
			def: `{"StartAt":"Pause","States":{
				"Pause":{"Type":"Wait","Seconds":30,"Next":"Done"},
				"Done":{"Type":"Pass","End":true}}}`,
			input: `{}`,
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(29 * time.Second)
				if got := mustDescribe(t, e, arn).Status; got != "RUNNING" {
					t.Fatalf("status after 29s = %s, want RUNNING", got)
				}
				clk.Advance(time.Second)
			},
		},
		{
			name: "execution_timeout",
			def: `{"StartAt":"Pause","TimeoutSeconds":10,"States":{
				"Pause":{"Type":"Wait","Seconds":60,"End":true}}}`,
			input: `{}`,
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(time.Minute)
			},
		},
		{
			name:  "stop_execution",
			def:   `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":60,"End":true}}}`,
			input: `{}`,
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(5 * time.Second)
				_, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{
					ExecutionArn: &arn, Error: aws.String("Operator.Stop"), Cause: aws.String("stopped by test")})
				if err != nil {
					t.Fatalf("StopExecution = %v", err)
				}
				clk.Advance(time.Minute) // the cancelled Wait must not fire
			},
		},
		{
			name: "callback_task",
			def: `{"StartAt":"Approve","States":{
				"Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
				  "HeartbeatSeconds":60,
				  "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}`,
			input: `{}`,
			setup: func(e *sfnmem.Engine) {
				e.HandleTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
					return json.RawMessage(`{"MessageId":"m-1"}`), nil
				})
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(30 * time.Second)
				events := mustEvents(t, e, arn)
				var token string
				for _, ev := range events {
					if d := ev.TaskScheduledEventDetails; d != nil {
						var p struct{ MessageBody struct{ Token string } }
						if err := json.Unmarshal([]byte(*d.Parameters), &p); err != nil {
							t.Fatal(err)
						}
						token = p.MessageBody.Token
					}
				}
				if _, err := e.SendTaskHeartbeat(context.Background(), &sfn.SendTaskHeartbeatInput{TaskToken: &token}); err != nil {
					t.Fatalf("SendTaskHeartbeat = %v", err)
				}
				clk.Advance(50 * time.Second) // 80s since start, 50s since the heartbeat
				if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{
					TaskToken: &token, Output: aws.String(`{"approved": true}`)}); err != nil {
					t.Fatalf("SendTaskSuccess = %v", err)
				}
			},
		},
		{
			name: "task_heartbeat_lapses",
			def: `{"StartAt":"Approve","States":{
				"Approve":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
				  "HeartbeatSeconds":60,"Parameters":{"MessageBody.$":"$$.Task.Token"},"End":true}}}`,
			input: `{}`,
			setup: func(e *sfnmem.Engine) {
				e.HandleTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
					return nil, sfnmem.ErrTaskPending
				})
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk interface{ Advance(time.Duration) }, arn string) {
				clk.Advance(61 * time.Second)
			},
		},
		{
			name: "fail_state",
			def: `{"StartAt":"Check","States":{
				"Check":{"Type":"Pass","Next":"Boom"},
				"Boom":{"Type":"Fail","ErrorPath":"$.code","Cause":"the order was refused"}}}`,
			input: `{"code":"Order.Refused"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clk := newEngine(t)
			if tt.setup != nil {
				tt.setup(e)
			}
			sm := mustCreate(t, e, "golden", tt.def)
			arn := mustStart(t, e, sm, "run-1", tt.input)
			if tt.after != nil {
				tt.after(t, e, clk, arn)
			}
			golden.Check(t, "history/"+tt.name, golden.Events(mustEvents(t, e, arn)))
		})
	}
}
