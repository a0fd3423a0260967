package sfnmem_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

const benchLinearStates = 100

const benchStep = "arn:aws:lambda:us-east-1:123456789012:function:step"

// benchLinearDef is a linear machine of n states cycling Pass, Task, Choice
// over a small JSON payload; the last state is a Pass with End. Every state
// is entered once, so one execution makes n state transitions.
func benchLinearDef(n int) string {
	states := make([]string, 0, n)
	name := func(i int) string { return fmt.Sprintf("S%03d", i) }
	for i := range n {
		next := `"End":true`
		if i < n-1 {
			next = fmt.Sprintf(`"Next":%q`, name(i+1))
		}
		switch {
		case i == n-1 || i%3 == 0:
			states = append(states, fmt.Sprintf(`%q:{"Type":"Pass","Parameters":{"k.$":"$.k","step":%d},%s}`, name(i), i, next))
		case i%3 == 1:
			states = append(states, fmt.Sprintf(`%q:{"Type":"Task","Resource":%q,"ResultPath":"$.r",%s}`, name(i), benchStep, next))
		default:
			states = append(states, fmt.Sprintf(`%q:{"Type":"Choice","Choices":[{"Variable":"$.k","StringEquals":"x","Next":%q}],"Default":%q}`,
				name(i), name(i+1), name(i+1)))
		}
	}
	return benchDef(name(0), states)
}

// BenchmarkLinear100 runs a 100-state linear machine (Pass, Task and Choice
// mixed, small payloads, full history recorded) and reports state
// transitions per second. Target (issue 8): at least 1,000,000
// transitions/s with -cpu 1.
func BenchmarkLinear100(b *testing.B) {
	ctx := context.Background()
	e := benchEngine()
	e.HandleTask(benchStep, handler(`{"ok":true}`))
	sm := mustCreate(b, e, "linear", benchLinearDef(benchLinearStates))
	in := &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"k":"v","n":1}`)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.StartExecution(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchLinearStates*b.N)/b.Elapsed().Seconds(), "transitions/s")
}

func TestBenchLinearCompletes(t *testing.T) {
	t.Parallel()
	e := benchEngine()
	e.HandleTask(benchStep, handler(`{"ok":true}`))
	sm := mustCreate(t, e, "linear", benchLinearDef(benchLinearStates))
	arn := mustStart(t, e, sm, "run", `{"k":"v","n":1}`)
	benchWantStatus(t, e, arn, "SUCCEEDED")
	// 34 Pass and 33 Choice write 2 events each, 33 Tasks write 5, plus
	// ExecutionStarted and ExecutionSucceeded.
	if got, want := benchHistoryLen(t, e, arn), 34*2+33*2+33*5+2; got != want {
		t.Errorf("history has %d events, want %d", got, want)
	}
}
