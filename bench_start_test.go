package sfnmem_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// benchStartDef is the smallest useful machine: Pass → Task → Succeed.
const benchStartDef = `{"StartAt":"Prepare","States":{
	"Prepare":{"Type":"Pass","Result":{"order":42},"Next":"Charge"},
	"Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","Next":"Done"},
	"Done":{"Type":"Succeed"}}}`

// BenchmarkNewCreateStart measures what a unit test that embeds sfnmem pays:
// New, CreateStateMachine and one StartExecution that runs to SUCCEEDED.
// Target (issue 8): under 50 µs and under 200 allocations.
func BenchmarkNewCreateStart(b *testing.B) {
	ctx := context.Background()
	charge := handler(`{"charged":true}`)
	create := &sfn.CreateStateMachineInput{
		Name: aws.String("checkout"), Definition: aws.String(benchStartDef), RoleArn: aws.String(role),
	}
	b.ReportAllocs()
	for b.Loop() {
		e := benchEngine()
		e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge", charge)
		sm, err := e.CreateStateMachine(ctx, create)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.StartExecution(ctx, &sfn.StartExecutionInput{
			StateMachineArn: sm.StateMachineArn, Name: aws.String("run"), Input: aws.String(`{"id":"o-1"}`),
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartExecution isolates StartExecution on an engine that already
// holds the machine (each iteration starts a new, uniquely named execution,
// so the engine grows by one finished execution per iteration).
func BenchmarkStartExecution(b *testing.B) {
	ctx := context.Background()
	e := benchEngine()
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge", handler(`{"charged":true}`))
	sm := mustCreate(b, e, "checkout", benchStartDef)
	in := &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"id":"o-1"}`)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.StartExecution(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchStartCompletes checks that the machine BenchmarkNewCreateStart
// runs really succeeds, so the benchmark measures a whole execution.
func TestBenchStartCompletes(t *testing.T) {
	t.Parallel()
	e := benchEngine()
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge", handler(`{"charged":true}`))
	sm := mustCreate(t, e, "checkout", benchStartDef)
	arn := mustStart(t, e, sm, "run", `{"id":"o-1"}`)
	benchWantStatus(t, e, arn, "SUCCEEDED")
	if n := benchHistoryLen(t, e, arn); n != 11 {
		t.Errorf("history has %d events, want 11", n)
	}
}
