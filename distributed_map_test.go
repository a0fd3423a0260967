package sfnmem_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/golden"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

func distributedMachine(execType, extra string) string {
	return `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"fan",` + extra + `
	  "ItemsPath":"$.items","ItemSelector":{"id.$":"$$.Map.Item.Value"},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"` + execType + `"},
	    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + workFn + `","End":true}}},
	  "ResultPath":"$.results","Next":"Done"},
	"Done":{"Type":"Pass","OutputPath":"$.results","End":true}}}`
}

// every20th are the 50 items 19, 39, ..., 999 of 1,000.
func every20th() map[int]bool {
	m := map[int]bool{}
	for i := 19; i < 1000; i += 20 {
		m[i] = true
	}
	return m
}

func mapRunOf(t *testing.T, e *sfnmem.Engine, arn string) *sfn.DescribeMapRunOutput {
	t.Helper()
	runs, err := e.ListMapRuns(context.Background(), &sfn.ListMapRunsInput{ExecutionArn: &arn})
	if err != nil || len(runs.MapRuns) != 1 {
		t.Fatalf("ListMapRuns(%s) = %v, %v; want one Map Run", arn, runs, err)
	}
	d, err := e.DescribeMapRun(context.Background(), &sfn.DescribeMapRunInput{MapRunArn: runs.MapRuns[0].MapRunArn})
	if err != nil {
		t.Fatalf("DescribeMapRun = %v", err)
	}
	return d
}

func counts(pending, running, succeeded, failed, timedOut, aborted, total, written, notRedrivable, pendingRedrive int64) (*types.MapRunExecutionCounts, *types.MapRunItemCounts) {
	return &types.MapRunExecutionCounts{Pending: pending, Running: running, Succeeded: succeeded, Failed: failed, TimedOut: timedOut,
			Aborted: aborted, Total: total, ResultsWritten: written, FailuresNotRedrivable: aws.Int64(notRedrivable), PendingRedrive: aws.Int64(pendingRedrive)},
		&types.MapRunItemCounts{Pending: pending, Running: running, Succeeded: succeeded, Failed: failed, TimedOut: timedOut,
			Aborted: aborted, Total: total, ResultsWritten: written, FailuresNotRedrivable: aws.Int64(notRedrivable), PendingRedrive: aws.Int64(pendingRedrive)}
}

// A Map Run of 1,000 Standard children, 50 of which fail (49 are tolerated,
// the 50th fails the Map Run): the redrive re-runs exactly those 50, each
// redriven from its failed task, and the counters say so field by field.
func TestDistributedMapRedrive(t *testing.T) {
	for _, execType := range []string{"STANDARD", "EXPRESS"} {
		t.Run(execType, func(t *testing.T) {
			e, _ := newEngine(t)
			w := newWork()
			w.failing = every20th()
			e.HandleTask(workFn, w.handle)
			sm := mustCreate(t, e, "dist", distributedMachine(execType, `"ToleratedFailureCount":49,`))
			arn := mustStart(t, e, sm, "x", itemsInput(1000))
			if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.ExceedToleratedFailureThreshold" {
				t.Fatalf("status %s error %s; want FAILED States.ExceedToleratedFailureThreshold", d.Status, aws.ToString(d.Error))
			}
			before := mapRunOf(t, e, arn)
			ec, ic := counts(0, 0, 950, 50, 0, 0, 1000, 0, 0, 0)
			if diff := cmp.Diff(ec, before.ExecutionCounts, sdkcmp.Options); diff != "" {
				t.Errorf("executionCounts before redrive (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(ic, before.ItemCounts, sdkcmp.Options); diff != "" {
				t.Errorf("itemCounts before redrive (-want +got):\n%s", diff)
			}
			if before.Status != types.MapRunStatusFailed || aws.ToInt32(before.RedriveCount) != 0 || before.RedriveDate != nil {
				t.Errorf("Map Run before redrive: %s, redriveCount %d, redriveDate %v", before.Status, aws.ToInt32(before.RedriveCount), before.RedriveDate)
			}

			calls := w.total()
			w.fixed = true
			redrive(t, e, arn)
			if got := w.total() - calls; got != 50 {
				t.Errorf("redrive made %d task calls, want 50", got)
			}
			d := mustDescribe(t, e, arn)
			if d.Status != types.ExecutionStatusSucceeded {
				t.Fatalf("status after redrive = %s (%s)", d.Status, aws.ToString(d.Cause))
			}
			var out []map[string]string
			if err := json.Unmarshal([]byte(aws.ToString(d.Output)), &out); err != nil || len(out) != 1000 || out[999]["done"] != "999" {
				t.Errorf("output: %d results, err %v; want 1000 in item order", len(out), err)
			}
			after := mapRunOf(t, e, arn)
			ec, ic = counts(0, 0, 1000, 0, 0, 0, 1000, 0, 0, 0)
			if diff := cmp.Diff(ec, after.ExecutionCounts, sdkcmp.Options); diff != "" {
				t.Errorf("executionCounts after redrive (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(ic, after.ItemCounts, sdkcmp.Options); diff != "" {
				t.Errorf("itemCounts after redrive (-want +got):\n%s", diff)
			}
			if after.Status != types.MapRunStatusSucceeded || aws.ToInt32(after.RedriveCount) != 1 || after.RedriveDate == nil {
				t.Errorf("Map Run after redrive: %s, redriveCount %d, redriveDate %v", after.Status, aws.ToInt32(after.RedriveCount), after.RedriveDate)
			}
			golden.Check(t, "distributed/redrive_"+execType, golden.Events(mustEvents(t, e, arn)))
			if execType == "STANDARD" {
				child := findChild(t, e, after.MapRunArn, `{"id":19}`)
				c := mustDescribe(t, e, child)
				if aws.ToInt32(c.RedriveCount) != 1 || c.RedriveStatus != types.ExecutionRedriveStatusNotRedrivable {
					t.Errorf("child after redrive: redriveCount %d, redriveStatus %s", aws.ToInt32(c.RedriveCount), c.RedriveStatus)
				}
				golden.Check(t, "distributed/redriven_child", golden.Events(mustEvents(t, e, child)))
			}
		})
	}
}

// findChild returns the ARN of the Map Run child whose input is input.
func findChild(t *testing.T, e *sfnmem.Engine, mapRunArn *string, input string) string {
	t.Helper()
	p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{MapRunArn: mapRunArn, MaxResults: 1000})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("ListExecutions(mapRunArn) = %v", err)
		}
		for _, x := range page.Executions {
			if aws.ToString(mustDescribe(t, e, aws.ToString(x.ExecutionArn)).Input) == input {
				return aws.ToString(x.ExecutionArn)
			}
		}
	}
	t.Fatalf("no child with input %s", input)
	return ""
}

// With MaxConcurrency 10, a redrive of 50 children runs 10 and leaves 40
// PENDING_REDRIVE, visible through ListExecutions and DescribeMapRun.
func TestDistributedMapPendingRedrive(t *testing.T) {
	e, _ := newEngine(t)
	failing := every20th()
	var tokens []string
	redriven := false
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var v workInput
		json.Unmarshal(in.Input, &v)
		if redriven {
			tokens = append(tokens, in.TaskToken)
			return nil, sfnmem.ErrTaskPending
		}
		if failing[v.ID] {
			return nil, &sfnmem.TaskFailure{ErrorName: "Work.Failed"}
		}
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "dist", distributedMachine("STANDARD", `"ToleratedFailureCount":49,"MaxConcurrency":10,`))
	arn := mustStart(t, e, sm, "x", itemsInput(1000))
	redriven = true
	redrive(t, e, arn)
	mr := mapRunOf(t, e, arn)
	ec, _ := counts(0, 10, 950, 0, 0, 0, 1000, 0, 0, 40)
	if diff := cmp.Diff(ec, mr.ExecutionCounts, sdkcmp.Options); diff != "" {
		t.Errorf("executionCounts while redriving (-want +got):\n%s", diff)
	}
	list, err := e.ListExecutions(context.Background(), &sfn.ListExecutionsInput{MapRunArn: mr.MapRunArn, StatusFilter: types.ExecutionStatusPendingRedrive, MaxResults: 1000})
	if err != nil || len(list.Executions) != 40 {
		t.Fatalf("ListExecutions(PENDING_REDRIVE) = %d items, %v; want 40", len(list.Executions), err)
	}
	if it := list.Executions[0]; aws.ToString(it.MapRunArn) != aws.ToString(mr.MapRunArn) || aws.ToInt32(it.ItemCount) != 1 {
		t.Errorf("item: mapRunArn %s itemCount %d", aws.ToString(it.MapRunArn), aws.ToInt32(it.ItemCount))
	}
	for i := 0; i < len(tokens); i++ { // completing each frees a slot for the next
		if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: &tokens[i], Output: aws.String(`{}`)}); err != nil {
			t.Fatalf("SendTaskSuccess = %v", err)
		}
	}
	if len(tokens) != 50 {
		t.Errorf("redriven tasks = %d, want 50", len(tokens))
	}
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusSucceeded {
		t.Errorf("status = %s, want SUCCEEDED", got)
	}
}

// Tolerated failures by count and by percentage, on both sides of the
// threshold.
func TestDistributedMapTolerance(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		want  types.ExecutionStatus
	}{
		{"count equal", `"ToleratedFailureCount":50,`, types.ExecutionStatusSucceeded},
		{"count below", `"ToleratedFailureCount":49,`, types.ExecutionStatusFailed},
		{"percentage equal", `"ToleratedFailurePercentage":5,`, types.ExecutionStatusSucceeded},
		{"percentage below", `"ToleratedFailurePercentage":4.9,`, types.ExecutionStatusFailed},
		{"path", `"ToleratedFailureCountPath":"$.tolerate",`, types.ExecutionStatusSucceeded},
		{"none", ``, types.ExecutionStatusFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, _ := newEngine(t)
			w := newWork()
			w.failing = every20th()
			e.HandleTask(workFn, w.handle)
			input := itemsInput(1000)
			input = input[:len(input)-1] + `,"tolerate":50}`
			arn := mustStart(t, e, mustCreate(t, e, "dist", distributedMachine("STANDARD", tt.extra)), "x", input)
			if got := mustDescribe(t, e, arn).Status; got != tt.want {
				t.Errorf("status = %s, want %s", got, tt.want)
			}
		})
	}
}

// A Distributed Map reads its items from the engine's object store and
// writes its results there.
func TestDistributedMapReaderWriter(t *testing.T) {
	e, _ := newEngine(t)
	e.HandleTask(workFn, handler(`{"ok":true}`))
	e.PutObject("in", "items.csv", []byte("id,name\n1,a\n2,b\n3,c\n"))
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"csv",
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},
	    "Parameters":{"Bucket":"in","Key.$":"$.key"}},
	  "ItemBatcher":{"MaxItemsPerBatch":2},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}`
	arn := mustStart(t, e, mustCreate(t, e, "csv", def), "x", `{"key":"items.csv"}`)
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("status = %s (%s: %s)", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	mr := mapRunOf(t, e, arn)
	if mr.ExecutionCounts.Total != 2 || mr.ItemCounts.Total != 3 || mr.ItemCounts.ResultsWritten != 3 {
		t.Errorf("counts: %d executions, %d items, %d written; want 2, 3, 3", mr.ExecutionCounts.Total, mr.ItemCounts.Total, mr.ItemCounts.ResultsWritten)
	}
	var out struct {
		MapRunArn           string
		ResultWriterDetails struct{ Bucket, Key string }
	}
	if err := json.Unmarshal([]byte(aws.ToString(d.Output)), &out); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.GetObject(out.ResultWriterDetails.Bucket, out.ResultWriterDetails.Key); !ok || out.MapRunArn != aws.ToString(mr.MapRunArn) {
		t.Errorf("manifest %s/%s not written (output %s)", out.ResultWriterDetails.Bucket, out.ResultWriterDetails.Key, aws.ToString(d.Output))
	}
	if keys := e.ListObjects("out", "runs/"); len(keys) != 2 {
		t.Errorf("written objects = %v, want manifest.json and SUCCEEDED_0.json", keys)
	}
	golden.Check(t, "distributed/reader_writer", golden.Events(mustEvents(t, e, arn)))
}

// An ItemReader failure fails the Map Run before any child starts
// (aws-recorded.md 3.7 H); a redrive reads the items again.
func TestDistributedMapReaderFailureRedrive(t *testing.T) {
	e, _ := newEngine(t)
	e.HandleTask(workFn, handler(`{}`))
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Map",
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"in","Key":"items.json"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
	    "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}`
	arn := mustStart(t, e, mustCreate(t, e, "rd", def), "x", `{}`)
	if d := mustDescribe(t, e, arn); aws.ToString(d.Error) != "States.ItemReaderFailed" {
		t.Fatalf("error = %s, want States.ItemReaderFailed", aws.ToString(d.Error))
	}
	e.PutObject("in", "items.json", []byte(`[1,2,3]`))
	redrive(t, e, arn)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `[{},{},{}]` {
		t.Errorf("after redrive: %s %s", d.Status, aws.ToString(d.Output))
	}
	golden.Check(t, "distributed/reader_failure_redrive", golden.Events(mustEvents(t, e, arn)))
}

var _ = fmt.Sprint

// Stopping the parent aborts its running Map Run and the children in it;
// UpdateMapRun raises the concurrency of a running Map Run and then refuses
// a finished one.
func TestDistributedMapStopAndUpdate(t *testing.T) {
	e, _ := newEngine(t)
	var tokens []string
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		tokens = append(tokens, in.TaskToken)
		return nil, sfnmem.ErrTaskPending
	})
	arn := mustStart(t, e, mustCreate(t, e, "dist", distributedMachine("STANDARD", `"MaxConcurrency":2,`)), "x", itemsInput(5))
	mr := mapRunOf(t, e, arn)
	if mr.ExecutionCounts.Running != 2 || mr.ExecutionCounts.Pending != 3 {
		t.Fatalf("running %d pending %d; want 2, 3", mr.ExecutionCounts.Running, mr.ExecutionCounts.Pending)
	}
	ctx := context.Background()
	if _, err := e.UpdateMapRun(ctx, &sfn.UpdateMapRunInput{MapRunArn: mr.MapRunArn, MaxConcurrency: aws.Int32(4)}); err != nil {
		t.Fatalf("UpdateMapRun = %v", err)
	}
	if mr = mapRunOf(t, e, arn); mr.ExecutionCounts.Running != 4 || mr.MaxConcurrency != 4 {
		t.Errorf("after UpdateMapRun: running %d, maxConcurrency %d; want 4, 4", mr.ExecutionCounts.Running, mr.MaxConcurrency)
	}
	if _, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
		t.Fatal(err)
	}
	mr = mapRunOf(t, e, arn)
	ec, _ := counts(1, 0, 0, 0, 0, 4, 5, 0, 0, 0)
	if diff := cmp.Diff(ec, mr.ExecutionCounts, sdkcmp.Options); diff != "" || mr.Status != types.MapRunStatusAborted {
		t.Errorf("after StopExecution: status %s, counts (-want +got):\n%s", mr.Status, diff)
	}
	_, err := e.UpdateMapRun(ctx, &sfn.UpdateMapRunInput{MapRunArn: mr.MapRunArn, MaxConcurrency: aws.Int32(1)})
	v := wantAPIError[*types.ValidationException](t, "UpdateMapRun(finished)", err)
	if v.Reason != types.ValidationExceptionReasonCannotUpdateCompletedMapRun {
		t.Errorf("reason = %s", v.Reason)
	}
	// Redriving the parent re-runs the 4 aborted children and starts the one never started.
	redrive(t, e, arn)
	if mr = mapRunOf(t, e, arn); mr.ExecutionCounts.Running != 4 || mr.ExecutionCounts.Pending != 1 {
		t.Errorf("after redrive: running %d pending %d; want 4 and 1", mr.ExecutionCounts.Running, mr.ExecutionCounts.Pending)
	}
}

// A Map Run may be redriven at most 1000 times; the next redrive of the
// parent fails the Map state with States.Runtime (spec 2.1).
func TestDistributedMapRedriveLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("1000 redrives")
	}
	e, _ := newEngine(t)
	e.HandleTask(workFn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		return nil, &sfnmem.TaskFailure{ErrorName: "Work.Failed"}
	})
	arn := mustStart(t, e, mustCreate(t, e, "dist", distributedMachine("EXPRESS", "")), "x", itemsInput(1))
	for i := 0; i < 1000; i++ {
		redrive(t, e, arn)
	}
	if mr := mapRunOf(t, e, arn); aws.ToInt32(mr.RedriveCount) != 1000 {
		t.Fatalf("Map Run redriveCount = %d, want 1000", aws.ToInt32(mr.RedriveCount))
	}
	redrive(t, e, arn)
	d := mustDescribe(t, e, arn)
	if aws.ToString(d.Error) != "States.Runtime" {
		t.Errorf("error after the 1001st redrive = %s (%s), want States.Runtime", aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	if mr := mapRunOf(t, e, arn); aws.ToInt32(mr.RedriveCount) != 1000 {
		t.Errorf("Map Run redriveCount = %d after the refused redrive, want 1000", aws.ToInt32(mr.RedriveCount))
	}
}

// A Distributed Map that failed with States.DataLimitExceeded is re-run as a
// new Map Run on redrive (DG-MapRunRedrive), its children included.
func TestDistributedMapDataLimitNewMapRun(t *testing.T) {
	e, _ := newEngine(t)
	big := true
	calls := 0
	e.HandleTask(workFn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		calls++
		if big {
			return json.RawMessage(`"` + strings.Repeat("x", 10*1024) + `"`), nil
		}
		return json.RawMessage(`"small"`), nil
	})
	arn := mustStart(t, e, mustCreate(t, e, "dist", distributedMachine("STANDARD", "")), "x", itemsInput(30))
	if d := mustDescribe(t, e, arn); aws.ToString(d.Error) != "States.DataLimitExceeded" {
		t.Fatalf("error = %s, want States.DataLimitExceeded", aws.ToString(d.Error))
	}
	big = false
	redrive(t, e, arn)
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusSucceeded {
		t.Fatalf("status after redrive = %s", got)
	}
	runs, err := e.ListMapRuns(context.Background(), &sfn.ListMapRunsInput{ExecutionArn: &arn})
	if err != nil || len(runs.MapRuns) != 2 {
		t.Fatalf("ListMapRuns = %d runs, %v; want 2 (a new Map Run)", len(runs.MapRuns), err)
	}
	if calls != 60 {
		t.Errorf("task calls = %d, want 60 (every child of the new Map Run)", calls)
	}
}

// A redrive restarts a failed Express child under its own ARN: the ARN
// then names the new child, which DescribeExecution and the Map Run's
// listing show, and a snapshot holds it once, as Restore reads it back.
func TestDistributedMapExpressChildRestartedUnderItsARN(t *testing.T) {
	e, _ := newEngine(t)
	failing := true
	e.HandleTask(workFn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		if failing {
			return nil, &sfnmem.TaskFailure{ErrorName: "Boom"}
		}
		return json.RawMessage(`{"ok":true}`), nil
	})
	arn := mustStart(t, e, mustCreate(t, e, "dist", distributedMachine("EXPRESS", "")), "x", itemsInput(2))
	mr := mapRunOf(t, e, arn)
	ctx := context.Background()
	children := func(e *sfnmem.Engine) map[string]types.ExecutionStatus {
		t.Helper()
		out, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: mr.MapRunArn})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]types.ExecutionStatus{}
		for _, x := range out.Executions {
			got[*x.ExecutionArn] = x.Status
		}
		return got
	}
	before := children(e)
	if len(before) != 2 {
		t.Fatalf("children before the redrive: %v, want 2", before)
	}
	failing = false
	redrive(t, e, arn)
	after := children(e)
	for child, status := range before {
		if (status != types.ExecutionStatusFailed && status != types.ExecutionStatusAborted) || after[child] != types.ExecutionStatusSucceeded {
			t.Errorf("child %s: %s before the redrive, %s after; want FAILED or ABORTED (the Map Run failed at the first), then SUCCEEDED under the same ARN", child, status, after[child])
		}
		if d := mustDescribe(t, e, child); d.Status != types.ExecutionStatusSucceeded {
			t.Errorf("DescribeExecution(%s) = %s, want the restarted child's SUCCEEDED", child, d.Status)
		}
	}
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatal(err)
	}
	r, _ := newEngine(t)
	if err := r.Restore(&buf); err != nil {
		t.Fatalf("Restore of an engine with a restarted child: %v", err)
	}
	if d := cmp.Diff(after, children(r)); d != "" {
		t.Errorf("the restored Map Run's children (-before +after):\n%s", d)
	}
	for child := range before {
		if d := mustDescribe(t, r, child); d.Status != types.ExecutionStatusSucceeded {
			t.Errorf("restored DescribeExecution(%s) = %s, want SUCCEEDED", child, d.Status)
		}
	}
}
