package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

const benchListExecutions = 100_000

// benchListDef routes on the input: "pend" leaves a Task open (it is then
// stopped: ABORTED), "fail" runs a Task that fails (FAILED), anything else
// succeeds at once.
const benchListDef = `{"StartAt":"Route","States":{
	"Route":{"Type":"Choice","Choices":[
		{"Variable":"$.kind","StringEquals":"fail","Next":"Fail"},
		{"Variable":"$.kind","StringEquals":"pend","Next":"Pend"}],"Default":"Done"},
	"Fail":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fail","End":true},
	"Pend":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:pend","End":true},
	"Done":{"Type":"Succeed"}}}`

// benchListEngine returns an engine with n executions of one state machine:
// the oldest 100 ABORTED; of the rest, every 10th FAILED and every 20th
// FAILED and redriven once (failing again); the others SUCCEEDED.
func benchListEngine(tb testing.TB, n int) (*sfnmem.Engine, string) {
	tb.Helper()
	ctx := context.Background()
	e := benchEngine()
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:fail", benchFail("Boom"))
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:pend",
		func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) { return nil, sfnmem.ErrTaskPending })
	sm := mustCreate(tb, e, "many", benchListDef)
	for i := range n {
		kind := "ok"
		switch {
		case i < 100:
			kind = "pend"
		case i%10 == 0:
			kind = "fail"
		}
		arn := mustStart(tb, e, sm, fmt.Sprintf("x%06d", i), `{"kind":"`+kind+`"}`)
		switch {
		case kind == "pend":
			if _, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
				tb.Fatal(err)
			}
		case kind == "fail" && i%20 == 0:
			if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &arn}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return e, sm
}

// benchListCache holds the 100,000-execution engine once built: building it
// takes seconds, and -count runs BenchmarkListExecutions again. Listing
// changes nothing, so sharing it is safe.
var benchListCache struct {
	once sync.Once
	e    *sfnmem.Engine
	sm   string
}

func benchListShared(tb testing.TB) (*sfnmem.Engine, string) {
	benchListCache.once.Do(func() {
		benchListCache.e, benchListCache.sm = benchListEngine(tb, benchListExecutions)
	})
	return benchListCache.e, benchListCache.sm
}

// benchPageToken pages through a listing and returns the token of page
// number page (counting from 0), or nil if there are fewer pages.
func benchPageToken(tb testing.TB, e *sfnmem.Engine, in sfn.ListExecutionsInput, page int) *string {
	tb.Helper()
	for range page {
		out, err := e.ListExecutions(context.Background(), &in)
		if err != nil {
			tb.Fatal(err)
		}
		if out.NextToken == nil {
			return nil
		}
		in.NextToken = out.NextToken
	}
	return in.NextToken
}

// benchListFilters are the listings measured: with their page counts at
// 100,000 executions and 100 a page.
var benchListFilters = []struct {
	name     string
	status   types.ExecutionStatus
	redrive  types.ExecutionRedriveFilter
	deepPage int // a page near the end of the listing; 0: only one page
}{
	{"all", "", "", 900},                            // 100,000 matches, 1,000 pages
	{"failed", types.ExecutionStatusFailed, "", 90}, // 10,000 matches (1 in 10), 100 pages
	{"failed+redriven", types.ExecutionStatusFailed, types.ExecutionRedriveFilterRedriven, 45}, // 5,000 (1 in 20), 50 pages
	{"failed+notredriven", types.ExecutionStatusFailed, types.ExecutionRedriveFilterNotRedriven, 45},
	{"aborted(oldest100)", types.ExecutionStatusAborted, "", 0},       // 100 matches, all at the far end: a first page scans every execution
	{"running(none)", types.ExecutionStatusRunning, "", 0},            // no match: scans everything for an empty page
	{"notredriven", "", types.ExecutionRedriveFilterNotRedriven, 900}, // 95,000 matches
}

// BenchmarkListExecutions lists one state machine's 100,000 executions with
// statusFilter and redriveFilter: the first page and a deep page (fetched
// with the nextToken a client paging through would hold), 100 a page.
// Target (issue 8): under 1 ms a page.
func BenchmarkListExecutions(b *testing.B) {
	ctx := context.Background()
	e, sm := benchListShared(b)
	for _, f := range benchListFilters {
		in := sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: f.status, RedriveFilter: f.redrive, MaxResults: 100}
		pages := []struct {
			name  string
			token *string
		}{{"first", nil}}
		if f.deepPage > 0 {
			tok := benchPageToken(b, e, in, f.deepPage)
			if tok == nil {
				b.Fatalf("%s: fewer than %d pages", f.name, f.deepPage)
			}
			pages = append(pages, struct {
				name  string
				token *string
			}{fmt.Sprintf("page%d", f.deepPage), tok})
		}
		for _, p := range pages {
			b.Run(f.name+"/"+p.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					in := in
					in.NextToken = p.token
					if _, err := e.ListExecutions(ctx, &in); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func TestBenchListSetup(t *testing.T) {
	t.Parallel()
	e, sm := benchListEngine(t, 1000)
	count := func(status types.ExecutionStatus, redrive types.ExecutionRedriveFilter) int {
		n := 0
		p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{
			StateMachineArn: &sm, StatusFilter: status, RedriveFilter: redrive, MaxResults: 1000})
		for p.HasMorePages() {
			out, err := p.NextPage(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			n += len(out.Executions)
		}
		return n
	}
	for _, tt := range []struct {
		status  types.ExecutionStatus
		redrive types.ExecutionRedriveFilter
		want    int
	}{
		{"", "", 1000},
		{types.ExecutionStatusAborted, "", 100},
		{types.ExecutionStatusFailed, "", 90},
		{types.ExecutionStatusFailed, types.ExecutionRedriveFilterRedriven, 45},
		{types.ExecutionStatusSucceeded, "", 810},
		{types.ExecutionStatusRunning, "", 0},
	} {
		if got := count(tt.status, tt.redrive); got != tt.want {
			t.Errorf("status %q redrive %q: %d executions, want %d", tt.status, tt.redrive, got, tt.want)
		}
	}
}
