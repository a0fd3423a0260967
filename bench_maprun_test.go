package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
)

const benchChildFn = "arn:aws:lambda:us-east-1:123456789012:function:child"

// benchDistributedDef is a Distributed Map over $.items whose Standard
// children run one Task. With ToleratedFailurePercentage 0.99, the last failure (1%
// of the items) fails the Map Run, so it can be redriven.
const benchDistributedDef = `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"fan",
  "ToleratedFailurePercentage":0.99,"ItemsPath":"$.items",
  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + benchChildFn + `","End":true}}},
  "End":true}}}`

func benchItems(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	return `{"items":[` + strings.Join(ids, ",") + `]}`
}

// benchMapRun starts a Map Run of n children, every 100th of which fails
// while *fail is set, and returns the parent and the Map Run's ARN.
func benchMapRun(tb testing.TB, n int, fail *bool) (*sfnmem.Engine, string, string) {
	tb.Helper()
	e := benchEngine()
	e.HandleTask(benchChildFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var id int
		if err := json.Unmarshal(in.Input, &id); err != nil {
			return nil, err
		}
		if *fail && id%100 == 99 {
			return nil, &sfnmem.TaskFailure{ErrorName: "Child.Failed"}
		}
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(tb, e, "dist", benchDistributedDef)
	arn := mustStart(tb, e, sm, "run", benchItems(n))
	runs, err := e.ListMapRuns(context.Background(), &sfn.ListMapRunsInput{ExecutionArn: &arn})
	if err != nil || len(runs.MapRuns) != 1 {
		tb.Fatalf("ListMapRuns = %v, %v", runs, err)
	}
	return e, arn, *runs.MapRuns[0].MapRunArn
}

// BenchmarkDescribeMapRun describes a Map Run of 10,000 children. Target
// (issue 8): O(1), under 5 µs: the counters are kept as children change, never
// recomputed.
func BenchmarkDescribeMapRun(b *testing.B) {
	fail := false
	e, _, mr := benchMapRun(b, 10000, &fail)
	in := &sfn.DescribeMapRunInput{MapRunArn: &mr}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.DescribeMapRun(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDistributedMap runs a Map Run of 10,000 Standard children, and
// redrives its parent after 1% of them failed: the redrive re-runs only those
// 100 children. Each iteration builds a fresh engine for the run.
func BenchmarkDistributedMap(b *testing.B) {
	b.Run("run/children=10000", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			fail := false
			benchMapRun(b, 10000, &fail)
		}
	})
	b.Run("redrive/children=10000/failed=1%", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			fail := true
			e, arn, _ := benchMapRun(b, 10000, &fail)
			fail = false
			b.StartTimer()
			if _, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestBenchMapRunRedrive(t *testing.T) {
	t.Parallel()
	fail := true
	e, arn, mr := benchMapRun(t, 1000, &fail)
	benchWantStatus(t, e, arn, "FAILED")
	d, err := e.DescribeMapRun(context.Background(), &sfn.DescribeMapRunInput{MapRunArn: &mr})
	if err != nil || d.ExecutionCounts.Failed != 10 || d.ExecutionCounts.Succeeded != 990 {
		t.Fatalf("DescribeMapRun = %+v, %v; want 10 failed, 990 succeeded", d.ExecutionCounts, err)
	}
	fail = false
	if _, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn}); err != nil {
		t.Fatal(err)
	}
	benchWantStatus(t, e, arn, "SUCCEEDED")
}
