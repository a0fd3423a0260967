package sfnmem_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/history"
)

// benchHistoryExecution returns an engine holding one closed execution of
// benchLoopDef whose history has about events events; asked for
// history.DefaultLimit or more, the loop runs into the limit and the
// execution fails there with a full history.
func benchHistoryExecution(tb testing.TB, events int) (*sfnmem.Engine, string) {
	tb.Helper()
	e := benchEngine()
	e.HandleTask(benchWork, handler(`{"ok":true}`))
	sm := mustCreate(tb, e, "loop", benchLoopDef)
	input := benchLoopInput(events)
	if events >= history.DefaultLimit {
		input = benchLoopInput(2 * events)
	}
	return e, mustStart(tb, e, sm, "run", input)
}

// benchLastPageToken pages forward through arn's history, size events a page,
// and returns the token that fetches the last page.
func benchLastPageToken(tb testing.TB, e *sfnmem.Engine, arn string, size int32) *string {
	tb.Helper()
	var last *string
	in := &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: size}
	for {
		out, err := e.GetExecutionHistory(context.Background(), in)
		if err != nil {
			tb.Fatal(err)
		}
		if out.NextToken == nil {
			return last
		}
		last, in.NextToken = out.NextToken, out.NextToken
	}
}

// BenchmarkGetExecutionHistory fetches one page of 100 events from a history
// of 250 and of 25,000 events (an execution that failed at the history
// limit): the first page forward, the first page in reverse, and the last
// page forward via its nextToken. Target (issue 8): the cost does not depend
// on the history's length (ratio under 1.5 between 250 and 25,000). The
// executions of 250 and 24,000 events succeed, and their histories are
// frozen (packed: history.Log.Freeze); the one of 25,000 failed, and its
// history is not.
func BenchmarkGetExecutionHistory(b *testing.B) {
	ctx := context.Background()
	for _, events := range []int{250, 24_000, history.DefaultLimit} {
		e, arn := benchHistoryExecution(b, events)
		last := benchLastPageToken(b, e, arn, 100)
		for _, mode := range []struct {
			name string
			in   sfn.GetExecutionHistoryInput
		}{
			{"forward", sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 100}},
			{"reverse", sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 100, ReverseOrder: true}},
			{"last", sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 100, NextToken: last}},
		} {
			b.Run(fmt.Sprintf("%s/events=%d", mode.name, events), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					in := mode.in
					out, err := e.GetExecutionHistory(ctx, &in)
					if err != nil {
						b.Fatal(err)
					}
					if len(out.Events) == 0 {
						b.Fatal("empty page")
					}
				}
			})
		}
	}
}

func TestBenchHistorySetup(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ events, min, max int }{
		{250, 245, 255},
		{history.DefaultLimit, history.DefaultLimit, history.DefaultLimit},
	} {
		e, arn := benchHistoryExecution(t, tt.events)
		if n := benchHistoryLen(t, e, arn); n < tt.min || n > tt.max {
			t.Errorf("asked for %d events, got %d", tt.events, n)
		}
		tok := benchLastPageToken(t, e, arn, 100)
		out, err := e.GetExecutionHistory(context.Background(), &sfn.GetExecutionHistoryInput{
			ExecutionArn: &arn, MaxResults: 100, NextToken: tok,
		})
		if err != nil || out.NextToken != nil || len(out.Events) == 0 {
			t.Fatalf("last page: %d events, next %v, err %v", len(out.Events), aws.ToString(out.NextToken), err)
		}
		if got := int(out.Events[len(out.Events)-1].Id); got != benchHistoryLen(t, e, arn) {
			t.Errorf("last page ends at event %d, want the newest", got)
		}
	}
}
