package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/golden"
)

const laterFn = "arn:aws:lambda:us-east-1:123456789012:function:later"

// parallelBranches are the branches the Parallel state of parallelMapsMachine
// can hold, by name. A Distributed Map is labelled with its branch's name.
var parallelBranches = map[string]string{
	// missing fails its Map Run at once: its ItemReader names an object
	// that is not there.
	"missing": `{"StartAt":"Missing","States":{"Missing":{"Type":"Map","Label":"missing",
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"in","Key":"items.json"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	    "StartAt":"WorkMissing","States":{"WorkMissing":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}`,
	// items runs a Standard child per item of $.items.
	"items": `{"StartAt":"Items","States":{"Items":{"Type":"Map","Label":"items","ItemsPath":"$.items",
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
	    "StartAt":"WorkItems","States":{"WorkItems":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}`,
	// express runs an Express child per item of $.items.
	"express": `{"StartAt":"Express","States":{"Express":{"Type":"Map","Label":"express","ItemsPath":"$.items",
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
	    "StartAt":"WorkExpress","States":{"WorkExpress":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}`,
	// waitFail fails ten seconds in, in a later step than the others start.
	"waitFail": `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":10,"Next":"Boom"},"Boom":{"Type":"Fail","Error":"Boom"}}}`,
}

// parallelMapsMachine is a Parallel state of the named branches. catch is
// where its Catch goes: "" (none), "succeed" (a Succeed state) or "later" (a
// Task on laterFn, which waits); retry adds a Retry of one attempt after 5s.
func parallelMapsMachine(branches []string, catch string, retry bool) string {
	var bs []string
	for _, b := range branches {
		bs = append(bs, parallelBranches[b])
	}
	extra := ""
	if retry {
		extra += `"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":5,"MaxAttempts":1}],`
	}
	caught := ""
	switch catch {
	case "succeed":
		caught = `"Caught":{"Type":"Succeed"},`
	case "later":
		caught = `"Caught":{"Type":"Task","Resource":"` + laterFn + `","End":true},`
	}
	if caught != "" {
		extra += `"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],`
	}
	return `{"StartAt":"Both","States":{"Both":{"Type":"Parallel",` + extra + `"Branches":[` + strings.Join(bs, ",") + `],"Next":"Done"},
	  ` + caught + `"Done":{"Type":"Succeed"}}}`
}

// mapRunSummary is what a test expects of one Map Run.
type mapRunSummary struct {
	Label   string
	Status  types.MapRunStatus
	Total   int64 // child executions
	Aborted int64
}

// A Parallel state whose branches hold Distributed Maps, when one branch
// fails and the Parallel state stops the others (AWS DG, Parallel workflow
// state, error handling): a Map Run whose Map state was stopped is
// ABORTED, whether it had started its children or not yet, and the parent
// is never told of it again; its history, DescribeExecution, ListMapRuns
// and DescribeMapRun agree. The first case panicked: the failing Map Run
// let the parent succeed in the step that asked for the second one, which
// was then started anyway and reported to a parent that keeps no run.
func TestDistributedMapInParallelBranchStopped(t *testing.T) {
	tests := []struct {
		name     string
		golden   string // testdata/distributed/parallel_stopped_<golden>.golden
		branches []string
		catch    string
		retry    bool
		pending  bool          // workFn's children wait for SendTaskSuccess
		advance  time.Duration // the clock moves this far after the start
		status   types.ExecutionStatus
		runs     []mapRunSummary // in ListMapRuns order
	}{
		{
			name: "first fails at once, Catch succeeds the parent before the second starts", golden: "caught", branches: []string{"missing", "items"},
			catch: "succeed", status: types.ExecutionStatusSucceeded,
			runs: []mapRunSummary{{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0}},
		},
		{
			name: "Express second, never started", golden: "express", branches: []string{"missing", "express"},
			catch: "succeed", status: types.ExecutionStatusSucceeded,
			runs: []mapRunSummary{{"missing", types.MapRunStatusFailed, 0, 0}, {"express", types.MapRunStatusAborted, 0, 0}},
		},
		{
			name: "no Catch: the parent fails", golden: "uncaught", branches: []string{"missing", "items"},
			status: types.ExecutionStatusFailed,
			runs:   []mapRunSummary{{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0}},
		},
		{
			name: "Catch goes to a waiting task: the parent runs on", golden: "caught_runs_on", branches: []string{"missing", "items"},
			catch: "later", status: types.ExecutionStatusRunning,
			runs: []mapRunSummary{{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0}},
		},
		{
			name: "first started its children when the second fails", golden: "children_started", branches: []string{"items", "missing"},
			catch: "succeed", status: types.ExecutionStatusSucceeded,
			runs: []mapRunSummary{{"items", types.MapRunStatusAborted, 3, 3}, {"missing", types.MapRunStatusFailed, 0, 0}},
		},
		{
			name: "stopped in a later step, the parent runs on", golden: "later_step_runs_on", branches: []string{"waitFail", "items"},
			catch: "later", pending: true, advance: 10 * time.Second, status: types.ExecutionStatusRunning,
			runs: []mapRunSummary{{"items", types.MapRunStatusAborted, 3, 3}},
		},
		{
			name: "stopped in a later step, the parent succeeds", golden: "later_step_succeeds", branches: []string{"waitFail", "items"},
			catch: "succeed", pending: true, advance: 10 * time.Second, status: types.ExecutionStatusSucceeded,
			runs: []mapRunSummary{{"items", types.MapRunStatusAborted, 3, 3}},
		},
		{
			name: "a Retry starts new Map Runs, the stopped ones stay ABORTED", golden: "retry", branches: []string{"missing", "items"},
			catch: "succeed", retry: true, advance: 5 * time.Second, status: types.ExecutionStatusSucceeded,
			runs: []mapRunSummary{
				{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0},
				{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, clk := newEngine(t)
			var tokens []string
			e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
				if tt.pending {
					tokens = append(tokens, in.TaskToken)
					return nil, sfnmem.ErrTaskPending
				}
				return json.RawMessage(`{}`), nil
			})
			e.HandleTask(laterFn, func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
				return nil, sfnmem.ErrTaskPending
			})
			sm := mustCreate(t, e, "par", parallelMapsMachine(tt.branches, tt.catch, tt.retry))
			arn := mustStart(t, e, sm, "x", itemsInput(3))
			clk.Advance(tt.advance)
			// The children of an aborted Map Run are stopped: their tasks
			// are gone.
			for _, tok := range tokens {
				_, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{TaskToken: aws.String(tok), Output: aws.String(`{}`)})
				wantAPIError[*types.TaskTimedOut](t, "SendTaskSuccess(child of an aborted Map Run)", err)
			}
			if got := mustDescribe(t, e, arn).Status; got != tt.status {
				t.Errorf("DescribeExecution status = %s, want %s", got, tt.status)
			}
			if diff := cmp.Diff(tt.runs, summarizeMapRuns(t, e, arn)); diff != "" {
				t.Errorf("Map Runs (-want +got):\n%s", diff)
			}
			if err := mapRunsAgreeWithHistory(e, arn); err != nil {
				t.Error(err)
			}
			golden.Check(t, "distributed/parallel_stopped_"+tt.golden, golden.Events(mustEvents(t, e, arn)))
		})
	}
}

// A Parallel state's failure stopped a Map Run before it started. A redrive
// of the parent redrives both Map Runs: while the first still fails at
// once, the second is redriven and stopped again, as the MapRunRedriven
// event in the history counts; once the items are there, the second reads
// its items for the first time, and the parent succeeds.
func TestDistributedMapInParallelRedrive(t *testing.T) {
	e, _ := newEngine(t)
	e.HandleTask(workFn, handler(`{}`))
	sm := mustCreate(t, e, "par", parallelMapsMachine([]string{"missing", "items"}, "", false))
	arn := mustStart(t, e, sm, "x", itemsInput(3))
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", got)
	}
	redrive(t, e, arn) // the object is still missing
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status after the first redrive = %s, want FAILED", got)
	}
	want := []mapRunSummary{{"missing", types.MapRunStatusFailed, 0, 0}, {"items", types.MapRunStatusAborted, 0, 0}}
	if diff := cmp.Diff(want, summarizeMapRuns(t, e, arn)); diff != "" {
		t.Errorf("Map Runs after the first redrive (-want +got):\n%s", diff)
	}
	e.PutObject("in", "items.json", []byte(`[1,2]`))
	redrive(t, e, arn)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `[[{},{}],[{},{},{}]]` {
		t.Errorf("after the second redrive: %s %s", d.Status, aws.ToString(d.Output))
	}
	want = []mapRunSummary{{"missing", types.MapRunStatusSucceeded, 2, 0}, {"items", types.MapRunStatusSucceeded, 3, 0}}
	if diff := cmp.Diff(want, summarizeMapRuns(t, e, arn)); diff != "" {
		t.Errorf("Map Runs after the second redrive (-want +got):\n%s", diff)
	}
	for _, r := range describeMapRuns(t, e, arn) {
		if aws.ToInt32(r.RedriveCount) != 2 || r.RedriveDate == nil {
			t.Errorf("%s: redriveCount %d, redriveDate %v; want 2 and set", aws.ToString(r.MapRunArn), aws.ToInt32(r.RedriveCount), r.RedriveDate)
		}
	}
	if err := mapRunsAgreeWithHistory(e, arn); err != nil {
		t.Error(err)
	}
	golden.Check(t, "distributed/parallel_stopped_redrive", golden.Events(mustEvents(t, e, arn)))
}

// describeMapRuns describes every Map Run ListMapRuns lists for arn, in order.
func describeMapRuns(t *testing.T, e *sfnmem.Engine, arn string) []*sfn.DescribeMapRunOutput {
	t.Helper()
	var out []*sfn.DescribeMapRunOutput
	p := sfn.NewListMapRunsPaginator(e, &sfn.ListMapRunsInput{ExecutionArn: &arn, MaxResults: 1})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("ListMapRuns(%s) = %v", arn, err)
		}
		for _, item := range page.MapRuns {
			d, err := e.DescribeMapRun(context.Background(), &sfn.DescribeMapRunInput{MapRunArn: item.MapRunArn})
			if err != nil {
				t.Fatalf("DescribeMapRun(%s) = %v", aws.ToString(item.MapRunArn), err)
			}
			if !d.StartDate.Equal(aws.ToTime(item.StartDate)) || (d.StopDate == nil) != (item.StopDate == nil) ||
				(d.StopDate != nil && !d.StopDate.Equal(*item.StopDate)) || aws.ToString(d.ExecutionArn) != arn {
				t.Errorf("ListMapRuns item %+v disagrees with DescribeMapRun %+v", item, d)
			}
			out = append(out, d)
		}
	}
	return out
}

// summarizeMapRuns is each Map Run of arn as DescribeMapRun reports it.
func summarizeMapRuns(t *testing.T, e *sfnmem.Engine, arn string) []mapRunSummary {
	t.Helper()
	var out []mapRunSummary
	for _, d := range describeMapRuns(t, e, arn) {
		// arn:…:mapRun:<machine>/<label>:<id>
		label := strings.Split(strings.SplitN(aws.ToString(d.MapRunArn), "/", 2)[1], ":")[0]
		out = append(out, mapRunSummary{label, d.Status, d.ExecutionCounts.Total, d.ExecutionCounts.Aborted})
		if (d.StopDate == nil) != (d.Status == types.MapRunStatusRunning) {
			t.Errorf("%s: status %s, stopDate %v", aws.ToString(d.MapRunArn), d.Status, d.StopDate)
		}
	}
	return out
}

// mapRunsAgreeWithHistory checks an execution's Map Runs against its
// history: a Map Run for each MapRunStarted event, in order, and no other;
// as many SUCCEEDED and FAILED ones as MapRunSucceeded and MapRunFailed
// events (counted once per Map Run, across redrives); none RUNNING unless
// the execution is; none stopped after the execution.
func mapRunsAgreeWithHistory(e *sfnmem.Engine, arn string) error {
	ctx := context.Background()
	events, err := allEvents(e, arn)
	if err != nil {
		return err
	}
	var started []string
	outcomes := map[types.HistoryEventType]int{}
	for _, ev := range events {
		switch ev.Type {
		case types.HistoryEventTypeMapRunStarted:
			started = append(started, aws.ToString(ev.MapRunStartedEventDetails.MapRunArn))
		case types.HistoryEventTypeMapRunSucceeded, types.HistoryEventTypeMapRunFailed:
			outcomes[ev.Type]++
		}
	}
	x, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: &arn})
	if err != nil {
		return err
	}
	runs, err := e.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: &arn, MaxResults: 1000})
	if err != nil {
		return err
	}
	var listed []string
	statuses := map[types.MapRunStatus]int{}
	for _, item := range runs.MapRuns {
		listed = append(listed, aws.ToString(item.MapRunArn))
		d, err := e.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: item.MapRunArn})
		if err != nil {
			return err
		}
		statuses[d.Status]++
		if d.Status == types.MapRunStatusRunning && x.Status != types.ExecutionStatusRunning {
			return fmt.Errorf("%s: Map Run %s RUNNING", x.Status, aws.ToString(d.MapRunArn))
		}
		if d.StopDate != nil && x.StopDate != nil && d.StopDate.After(*x.StopDate) {
			return fmt.Errorf("Map Run %s stopped at %v, after its execution (%v)", aws.ToString(d.MapRunArn), d.StopDate, x.StopDate)
		}
	}
	if !slices.Equal(started, listed) {
		return fmt.Errorf("MapRunStarted events name %v, ListMapRuns lists %v", started, listed)
	}
	// A redriven Map Run has an outcome event per attempt, and is SUCCEEDED
	// only after its last.
	if got, want := statuses[types.MapRunStatusSucceeded], outcomes[types.HistoryEventTypeMapRunSucceeded]; got != want {
		return fmt.Errorf("%d Map Runs SUCCEEDED, %d MapRunSucceeded events", got, want)
	}
	if got, events := statuses[types.MapRunStatusFailed], outcomes[types.HistoryEventTypeMapRunFailed]; got > events {
		return fmt.Errorf("%d Map Runs FAILED, only %d MapRunFailed events", got, events)
	}
	return nil
}
