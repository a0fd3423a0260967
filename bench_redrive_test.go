package sfnmem_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/history"
)

// benchFailed is a FAILED execution of benchLoopDef whose Work task always
// fails, so every redrive appends a few events and fails again.
type benchFailed struct {
	e   *sfnmem.Engine
	sm  string
	arn string
	n   int // executions started, for unique names
}

func newBenchFailed(tb testing.TB) *benchFailed {
	e := benchEngine()
	e.HandleTask(benchWork, benchFail("Work.Failed"))
	return &benchFailed{e: e, sm: mustCreate(tb, e, "loop", benchLoopDef)}
}

// fresh starts, on a new engine (so old histories become garbage), an
// execution that fails with a history of about events events, and makes it
// the one to redrive.
func (f *benchFailed) fresh(tb testing.TB, events int) {
	tb.Helper()
	*f = *newBenchFailed(tb)
	f.n++
	f.arn = mustStart(tb, f.e, f.sm, fmt.Sprintf("run-%d", f.n), benchLoopInput(events))
	benchWantStatus(tb, f.e, f.arn, "FAILED")
}

// benchRedriveSizes are the history lengths compared (the issue asks that
// the cost at 20,000 events be the cost at 200), each with the number of
// redrives made before the execution is replaced by a fresh one.
var benchRedriveSizes = []struct{ events, every int }{
	{200, 20},    // 200 → 300 events
	{20000, 950}, // 20,000 → 24,750 events, under history.DefaultLimit
}

// BenchmarkRedriveExecution redrives a FAILED execution whose history holds
// about events events; the Work task fails again, so each redrive appends 5
// events (ExecutionRedriven, TaskScheduled, TaskStarted, TaskFailed,
// ExecutionFailed) and leaves the execution redrivable. To keep the history
// near its nominal size, a fresh failed execution replaces it (outside the
// timer) after a number of redrives (benchRedriveSizes). Rebuilding costs far more
// than redriving, so this benchmark takes ~10 s of wall time per -count.
// Target (issue 8): under 1 ms at 20,000 events, and no growth with the
// history.
func BenchmarkRedriveExecution(b *testing.B) {
	ctx := context.Background()
	for _, size := range benchRedriveSizes {
		if size.events+5*size.every >= history.DefaultLimit {
			b.Fatalf("%d redrives of %d events would reach the history limit", size.every, size.events)
		}
		b.Run(fmt.Sprintf("events=%d", size.events), func(b *testing.B) {
			f := newBenchFailed(b)
			f.fresh(b, size.events)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i > 0 && i%size.every == 0 {
					b.StopTimer()
					f.fresh(b, size.events)
					b.StartTimer()
				}
				if _, err := f.e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &f.arn}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchRedriveSetup(t *testing.T) {
	t.Parallel()
	f := newBenchFailed(t)
	f.fresh(t, 200)
	if n := benchHistoryLen(t, f.e, f.arn); n < 195 || n > 205 {
		t.Errorf("history has %d events, want about 200", n)
	}
	for range 3 {
		if _, err := f.e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &f.arn}); err != nil {
			t.Fatal(err)
		}
		benchWantStatus(t, f.e, f.arn, "FAILED")
	}
	if n := benchHistoryLen(t, f.e, f.arn); n < 195+15 || n > 205+15 {
		t.Errorf("after 3 redrives the history has %d events, want about 215", n)
	}
}
