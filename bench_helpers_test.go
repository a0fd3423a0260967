package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
)

// Helpers for the benchmarks of issue 8. They take testing.TB and carry a
// bench prefix so they never clash with the test helpers in helpers_test.go.
// See BENCHMARKS.md for the figures and the commands that reproduce them.

// benchT0 is the fake clock's start in every benchmark.
var benchT0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

const benchRole = "arn:aws:iam::123456789012:role/sfnmem"

// benchEngine returns an engine on a fake clock at benchT0.
func benchEngine(opts ...sfnmem.Option) *sfnmem.Engine {
	return sfnmem.New(append([]sfnmem.Option{sfnmem.WithClock(clock.NewFake(benchT0))}, opts...)...)
}

// benchCreate creates a Standard state machine and returns its ARN.
func benchCreate(tb testing.TB, e *sfnmem.Engine, name, definition string) string {
	tb.Helper()
	out, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: &name, Definition: &definition, RoleArn: aws.String(benchRole),
	})
	if err != nil {
		tb.Fatalf("CreateStateMachine(%s) = %v", name, err)
	}
	return aws.ToString(out.StateMachineArn)
}

// benchStart starts an execution and returns its ARN.
func benchStart(tb testing.TB, e *sfnmem.Engine, sm, name, input string) string {
	tb.Helper()
	out, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{
		StateMachineArn: &sm, Name: &name, Input: &input,
	})
	if err != nil {
		tb.Fatalf("StartExecution(%s) = %v", name, err)
	}
	return aws.ToString(out.ExecutionArn)
}

// benchStatus returns an execution's status.
func benchStatus(tb testing.TB, e *sfnmem.Engine, arn string) types.ExecutionStatus {
	tb.Helper()
	out, err := e.DescribeExecution(context.Background(), &sfn.DescribeExecutionInput{ExecutionArn: &arn})
	if err != nil {
		tb.Fatalf("DescribeExecution(%s) = %v", arn, err)
	}
	return out.Status
}

// benchWantStatus fails tb unless the execution has status want.
func benchWantStatus(tb testing.TB, e *sfnmem.Engine, arn string, want types.ExecutionStatus) {
	tb.Helper()
	if got := benchStatus(tb, e, arn); got != want {
		tb.Fatalf("%s: status %s, want %s", arn, got, want)
	}
}

// benchHistoryLen returns the number of events in an execution's history,
// read from the id of its newest event.
func benchHistoryLen(tb testing.TB, e *sfnmem.Engine, arn string) int {
	tb.Helper()
	out, err := e.GetExecutionHistory(context.Background(), &sfn.GetExecutionHistoryInput{
		ExecutionArn: &arn, ReverseOrder: true, MaxResults: 1,
	})
	if err != nil {
		tb.Fatalf("GetExecutionHistory(%s) = %v", arn, err)
	}
	if len(out.Events) == 0 {
		return 0
	}
	return int(out.Events[0].Id)
}

// benchResult returns a TaskHandler that answers with result.
func benchResult(result string) sfnmem.TaskHandler {
	raw := json.RawMessage(result)
	return func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		return raw, nil
	}
}

// benchFail returns a TaskHandler that always fails with errName.
func benchFail(errName string) sfnmem.TaskHandler {
	return func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		return nil, &sfnmem.TaskFailure{ErrorName: errName, Cause: "always fails"}
	}
}

// benchDef assembles a definition from a StartAt and "name":{...} states.
func benchDef(startAt string, states []string) string {
	return fmt.Sprintf(`{"StartAt":%q,"States":{%s}}`, startAt, strings.Join(states, ","))
}

// benchLoopDef is a machine that loops Count→Check n times (a Pass that
// adds 1 with States.MathAdd, then a Choice), so each iteration writes 4
// events, then runs the Task "Work" with resource benchWork. Started with
// {"i":0,"n":N} it writes 4N+8 events before Work's outcome.
const benchLoopDef = `{"StartAt":"Count","States":{
	"Count":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)","n.$":"$.n"},"Next":"Check"},
	"Check":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Count"}],"Default":"Work"},
	"Work":{"Type":"Task","Resource":"` + benchWork + `","End":true}}}`

const benchWork = "arn:aws:lambda:us-east-1:123456789012:function:work"

// benchLoopInput returns the input that makes benchLoopDef's history about
// events long before Work runs.
func benchLoopInput(events int) string {
	return fmt.Sprintf(`{"i":0,"n":%d}`, max(1, (events-8)/4))
}

// benchHeap returns the live heap after a full collection.
func benchHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
