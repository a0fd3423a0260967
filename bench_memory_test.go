package sfnmem_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/sfnmem/sfnmem"
)

// The memory benchmarks report what the engine keeps, not what it churns:
// the live heap (after a full GC) grown by the work of the loop, divided by
// the events or executions it stored. B/op and allocs/op are the garbage.
// Each first runs executions until the engine keeps FreezeAbove events of
// succeeded histories: past that, it freezes each history that succeeds
// (packed, 2-3 bytes an event), and the figure is what an engine keeping
// many executions keeps for each; below it, histories stay unpacked (8
// bytes an event).

// benchPastFreeze starts executions of in on e until the succeeded
// histories it keeps hold FreezeAbove events.
func benchPastFreeze(b *testing.B, e *sfnmem.Engine, in *sfn.StartExecutionInput) {
	b.Helper()
	for kept := 0; kept <= sfnmem.FreezeAbove; {
		out, err := e.StartExecution(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		kept += benchHistoryLen(b, e, *out.ExecutionArn)
	}
}

// BenchmarkMemoryPerEvent stores histories of benchMemoryEvents events
// (benchLoopDef: Pass and Choice events with small JSON inputs and outputs,
// such as {"i":17,"n":2498}) and reports the live bytes per stored event.
func BenchmarkMemoryPerEvent(b *testing.B) {
	const events = 10_000
	e := benchEngine()
	e.HandleTask(benchWork, handler(`{"ok":true}`))
	sm := mustCreate(b, e, "loop", benchLoopDef)
	input := benchLoopInput(events)
	stored := benchHistoryLen(b, e, mustStart(b, e, sm, "warm", input))
	benchPastFreeze(b, e, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: &input})
	b.ReportAllocs()
	before := benchHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mustStart(b, e, sm, fmt.Sprintf("run-%d", i), input)
	}
	b.StopTimer()
	after := benchHeap()
	runtime.KeepAlive(e)
	b.ReportMetric(float64(after-before)/float64(b.N*stored), "B/event")
	b.ReportMetric(float64(stored), "events/execution")
}

// BenchmarkMemoryPerExecution stores finished executions of the
// Pass→Task→Succeed machine (11 events each) and reports the live bytes per
// execution, its history included.
func BenchmarkMemoryPerExecution(b *testing.B) {
	e := benchEngine()
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:charge", handler(`{"charged":true}`))
	sm := mustCreate(b, e, "checkout", benchStartDef)
	benchLivePerExecution(b, e, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"id":"o-1"}`)})
}

// BenchmarkMemoryPer50TaskExecution is BenchmarkMemoryPerExecution for the
// peer comparison's machine of 50 Task states (252 events): the live bytes
// an engine keeps for each finished execution.
func BenchmarkMemoryPer50TaskExecution(b *testing.B) {
	e := benchEngine()
	e.HandleTask(benchPeerTask, handler(`{"ok":true}`))
	sm := mustCreate(b, e, "task50", benchPeerTask50())
	benchLivePerExecution(b, e, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"k":"v"}`)})
}

// benchLivePerExecution starts b.N executions of in on e, each running to
// its end, and reports the live heap they added, per execution.
func benchLivePerExecution(b *testing.B, e *sfnmem.Engine, in *sfn.StartExecutionInput) {
	ctx := context.Background()
	benchPastFreeze(b, e, in)
	b.ReportAllocs()
	before := benchHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := e.StartExecution(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	after := benchHeap()
	runtime.KeepAlive(e)
	b.ReportMetric(float64(after-before)/float64(b.N), "B/execution")
}

// BenchmarkMemoryPerLinear100Execution is BenchmarkMemoryPerExecution for
// BenchmarkLinear100's machine (301 events, a hundred small texts): the
// live bytes an engine keeps for each finished execution.
func BenchmarkMemoryPerLinear100Execution(b *testing.B) {
	e := benchEngine()
	e.HandleTask(benchStep, handler(`{"ok":true}`))
	sm := mustCreate(b, e, "linear", benchLinearDef(benchLinearStates))
	benchLivePerExecution(b, e, &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"k":"v","n":1}`)})
}
