package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
)

// Helpers for the benchmarks of issue 8. The benchmarks also use the shared
// helpers of helpers_test.go (mustCreate, mustStart, mustDescribe, handler,
// which take testing.TB); these carry a bench prefix.
// See BENCHMARKS.md for the figures and the commands that reproduce them.

// benchEngine returns an engine on a fake clock at t0 that, unlike
// newEngine, checks nothing when the benchmark ends.
func benchEngine(opts ...sfnmem.Option) *sfnmem.Engine {
	return sfnmem.New(append([]sfnmem.Option{sfnmem.WithClock(clock.NewFake(t0))}, opts...)...)
}

// benchWantStatus fails tb unless the execution has status want.
func benchWantStatus(tb testing.TB, e *sfnmem.Engine, arn string, want types.ExecutionStatus) {
	tb.Helper()
	if got := mustDescribe(tb, e, arn).Status; got != want {
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
