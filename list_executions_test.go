package sfnmem_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// listFixture starts seven executions of defRoute, one second apart, and
// redrives two of the failed ones (which fail again):
//
//	+0s a SUCCEEDED  +1s b FAILED  +2s c RUNNING  +3s d FAILED, redriven at +10s
//	+4s e ABORTED    +5s f SUCCEEDED              +6s g FAILED, redriven at +14s
//
// It returns the list items AWS would show for each, by name.
func listFixture(t *testing.T) (*sfnmem.Engine, string, map[string]types.ExecutionListItem) {
	t.Helper()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "route", defRoute)
	inputs := []struct{ name, input string }{
		{"a", `{"ok":true}`}, {"b", `{}`}, {"c", `{"wait":true}`}, {"d", `{}`},
		{"e", `{"wait":true}`}, {"f", `{"ok":true}`}, {"g", `{}`},
	}
	items := map[string]types.ExecutionListItem{}
	for i, in := range inputs {
		if i > 0 {
			clk.Advance(time.Second)
		}
		arn := mustStart(t, e, sm, in.name, in.input)
		start := t0.Add(time.Duration(i) * time.Second)
		item := types.ExecutionListItem{
			ExecutionArn: aws.String(arn), StateMachineArn: aws.String(sm), Name: aws.String(in.name),
			StartDate: aws.Time(start), StopDate: aws.Time(start), RedriveCount: aws.Int32(0),
		}
		switch in.input {
		case `{"ok":true}`:
			item.Status = types.ExecutionStatusSucceeded
		case `{}`:
			item.Status = types.ExecutionStatusFailed
		case `{"wait":true}`:
			item.Status, item.StopDate = types.ExecutionStatusRunning, nil
		}
		if in.name == "e" {
			if _, err := e.StopExecution(context.Background(), &sfn.StopExecutionInput{ExecutionArn: &arn}); err != nil {
				t.Fatalf("StopExecution = %v", err)
			}
			item.Status, item.StopDate = types.ExecutionStatusAborted, aws.Time(start)
		}
		items[in.name] = item
	}
	for _, name := range []string{"d", "g"} {
		clk.Advance(4 * time.Second) // +10s, +14s
		redrive(t, e, aws.ToString(items[name].ExecutionArn))
		item := items[name]
		item.RedriveCount, item.RedriveDate, item.StopDate = aws.Int32(1), aws.Time(clk.Now()), aws.Time(clk.Now())
		items[name] = item
	}
	return e, sm, items
}

func pick(items map[string]types.ExecutionListItem, names string) []types.ExecutionListItem {
	out := []types.ExecutionListItem{}
	for _, n := range names {
		out = append(out, items[string(n)])
	}
	return out
}

// ListExecutions lists newest first, filters by status and by redrive, and
// pages (through the SDK paginator) over every matching item exactly once,
// whatever the page size. Items carry redriveCount always and redriveDate
// only once redriven (aws-recorded.md 3.2).
func TestListExecutionsFiltersAndPaging(t *testing.T) {
	t.Parallel()
	e, sm, items := listFixture(t)
	tests := []struct {
		name    string
		status  types.ExecutionStatus
		redrive types.ExecutionRedriveFilter
		want    string // names, newest first
	}{
		{"all", "", "", "gfedcba"},
		{"FAILED", types.ExecutionStatusFailed, "", "gdb"},
		{"SUCCEEDED", types.ExecutionStatusSucceeded, "", "fa"},
		{"RUNNING", types.ExecutionStatusRunning, "", "c"},
		{"ABORTED", types.ExecutionStatusAborted, "", "e"},
		{"TIMED_OUT", types.ExecutionStatusTimedOut, "", ""},
		{"REDRIVEN", "", types.ExecutionRedriveFilterRedriven, "gd"},
		{"NOT_REDRIVEN", "", types.ExecutionRedriveFilterNotRedriven, "fecba"},
		{"FAILED and NOT_REDRIVEN", types.ExecutionStatusFailed, types.ExecutionRedriveFilterNotRedriven, "b"},
		{"FAILED and REDRIVEN", types.ExecutionStatusFailed, types.ExecutionRedriveFilterRedriven, "gd"},
		{"SUCCEEDED and REDRIVEN", types.ExecutionStatusSucceeded, types.ExecutionRedriveFilterRedriven, ""},
	}
	for _, tt := range tests {
		for _, size := range []int32{0, 1, 2, 3} {
			t.Run(tt.name+"/maxResults="+strconv.Itoa(int(size)), func(t *testing.T) {
				t.Parallel()
				p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{
					StateMachineArn: &sm, StatusFilter: tt.status, RedriveFilter: tt.redrive, MaxResults: size,
				})
				got := []types.ExecutionListItem{}
				var last *sfn.ListExecutionsOutput
				for pages := 0; p.HasMorePages(); pages++ {
					if pages > 10 {
						t.Fatal("paging does not end")
					}
					page, err := p.NextPage(context.Background())
					if err != nil {
						t.Fatalf("ListExecutions page %d = %v", pages+1, err)
					}
					if size > 0 && len(page.Executions) > int(size) {
						t.Errorf("page %d has %d items, more than maxResults %d", pages+1, len(page.Executions), size)
					}
					if page.NextToken != nil && len(page.Executions) == 0 {
						t.Errorf("page %d is empty but has a NextToken", pages+1)
					}
					got = append(got, page.Executions...)
					last = page
				}
				if last.NextToken != nil {
					t.Errorf("last page has NextToken %q, want none", *last.NextToken)
				}
				if diff := cmp.Diff(pick(items, tt.want), got, sdkcmp.Options); diff != "" {
					t.Errorf("listed items (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// A nextToken continues only the listing it came from: another filter or
// another state machine refuses it with InvalidToken.
func TestListExecutionsTokenScope(t *testing.T) {
	t.Parallel()
	e, sm, items := listFixture(t)
	other := mustCreate(t, e, "other", defRoute)
	for i := 0; i < 4; i++ {
		mustStart(t, e, other, "o"+strconv.Itoa(i), `{}`)
	}
	ctx := context.Background()
	first, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: types.ExecutionStatusFailed, MaxResults: 1})
	if err != nil || first.NextToken == nil {
		t.Fatalf("ListExecutions(FAILED, 1) = %v, %v; want a page with a NextToken", first, err)
	}
	next, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: types.ExecutionStatusFailed, MaxResults: 1, NextToken: first.NextToken})
	if err != nil {
		t.Fatalf("ListExecutions(same arguments, token) = %v", err)
	}
	if diff := cmp.Diff(pick(items, "d"), next.Executions, sdkcmp.Options); diff != "" {
		t.Errorf("second page (-want +got):\n%s", diff)
	}
	tests := []struct {
		name string
		in   sfn.ListExecutionsInput
	}{
		{"no filter", sfn.ListExecutionsInput{StateMachineArn: &sm}},
		{"another status", sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: types.ExecutionStatusSucceeded}},
		{"a redrive filter added", sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: types.ExecutionStatusFailed, RedriveFilter: types.ExecutionRedriveFilterRedriven}},
		{"another state machine", sfn.ListExecutionsInput{StateMachineArn: &other, StatusFilter: types.ExecutionStatusFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := tt.in
			in.NextToken = first.NextToken
			_, err := e.ListExecutions(ctx, &in)
			checkAPIError(t, "ListExecutions", err, badToken)
		})
	}
}

// A state machine with no executions lists an empty page without a token.
func TestListExecutionsEmpty(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "idle", defPass)
	out, err := e.ListExecutions(context.Background(), &sfn.ListExecutionsInput{StateMachineArn: &sm})
	if err != nil {
		t.Fatalf("ListExecutions = %v", err)
	}
	if diff := cmp.Diff(&sfn.ListExecutionsOutput{}, out, sdkcmp.Options, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("ListExecutions (-want +got):\n%s", diff)
	}
}

// defSteps passes through four states: ten events with input and output.
const defSteps = `{"StartAt":"One","States":{
	"One":{"Type":"Pass","Result":1,"ResultPath":"$.one","Next":"Two"},
	"Two":{"Type":"Pass","Result":2,"ResultPath":"$.two","Next":"Three"},
	"Three":{"Type":"Pass","Result":3,"ResultPath":"$.three","Next":"Four"},
	"Four":{"Type":"Pass","End":true}}}`

func historyPage(t *testing.T, e *sfnmem.Engine, in *sfn.GetExecutionHistoryInput) *sfn.GetExecutionHistoryOutput {
	t.Helper()
	out, err := e.GetExecutionHistory(context.Background(), in)
	if err != nil {
		t.Fatalf("GetExecutionHistory = %v", err)
	}
	return out
}

// GetExecutionHistory pages forward and in reverse through the SDK paginator:
// every page size gives the same events, in opposite orders, and the last
// page has no token.
func TestGetExecutionHistoryPaging(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "steps", defSteps)
	arn := mustStart(t, e, sm, "x", `{"secret":"s"}`)
	all := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 1000})
	if len(all.Events) != 10 || all.NextToken != nil {
		t.Fatalf("GetExecutionHistory(1000) = %d events, token %v; want 10, none", len(all.Events), all.NextToken)
	}
	reversed := slices.Clone(all.Events)
	slices.Reverse(reversed)
	whole := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, ReverseOrder: true})
	if diff := cmp.Diff(reversed, whole.Events, sdkcmp.Options); diff != "" {
		t.Errorf("reverseOrder (-want +got):\n%s", diff)
	}
	for _, reverse := range []bool{false, true} {
		for _, size := range []int32{1, 2, 3, 4} {
			want := all.Events
			if reverse {
				want = reversed
			}
			p := sfn.NewGetExecutionHistoryPaginator(e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: size, ReverseOrder: reverse})
			var got []types.HistoryEvent
			var last *sfn.GetExecutionHistoryOutput
			for pages := 0; p.HasMorePages(); pages++ {
				if pages > 20 {
					t.Fatal("paging does not end")
				}
				page, err := p.NextPage(context.Background())
				if err != nil {
					t.Fatalf("reverse=%v maxResults=%d: page %d = %v", reverse, size, pages+1, err)
				}
				if len(page.Events) > int(size) {
					t.Errorf("reverse=%v maxResults=%d: page of %d events", reverse, size, len(page.Events))
				}
				got = append(got, page.Events...)
				last = page
			}
			if last.NextToken != nil {
				t.Errorf("reverse=%v maxResults=%d: last page has a NextToken", reverse, size)
			}
			if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
				t.Errorf("reverse=%v maxResults=%d (-want +got):\n%s", reverse, size, diff)
			}
		}
	}
}

// includeExecutionData=false leaves every input and output out; the events
// are otherwise the same.
func TestGetExecutionHistoryWithoutData(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "steps", defSteps)
	arn := mustStart(t, e, sm, "x", `{"secret":"s"}`)
	full := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn})
	bare := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, IncludeExecutionData: aws.Bool(false)})
	if len(bare.Events) != len(full.Events) {
		t.Fatalf("without data: %d events, want %d", len(bare.Events), len(full.Events))
	}
	data := func(ev types.HistoryEvent) []*string {
		var d []*string
		if x := ev.ExecutionStartedEventDetails; x != nil {
			d = append(d, x.Input)
		}
		if x := ev.StateEnteredEventDetails; x != nil {
			d = append(d, x.Input)
		}
		if x := ev.StateExitedEventDetails; x != nil {
			d = append(d, x.Output)
		}
		if x := ev.ExecutionSucceededEventDetails; x != nil {
			d = append(d, x.Output)
		}
		return d
	}
	for i := range full.Events {
		f, b := full.Events[i], bare.Events[i]
		if f.Id != b.Id || f.Type != b.Type || f.PreviousEventId != b.PreviousEventId || !f.Timestamp.Equal(aws.ToTime(b.Timestamp)) {
			t.Errorf("event %d: %s#%d without data, %s#%d with", i, b.Type, b.Id, f.Type, f.Id)
		}
		for _, p := range data(f) {
			if p == nil {
				t.Errorf("event %d (%s): data missing with includeExecutionData unset", f.Id, f.Type)
			}
		}
		for _, p := range data(b) {
			if p != nil {
				t.Errorf("event %d (%s): data %q present with includeExecutionData=false", b.Id, b.Type, *p)
			}
		}
	}
}

// A token that this listing did not issue is InvalidToken: garbage, a
// forward token read in reverse, another execution's token.
func TestGetExecutionHistoryBadToken(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "steps", defSteps)
	arn := mustStart(t, e, sm, "x", `{}`)
	clk.Advance(time.Second)
	other := mustStart(t, e, sm, "y", `{}`)
	forward := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 2}).NextToken
	if forward == nil {
		t.Fatal("first page of 2 has no NextToken")
	}
	tests := []struct {
		name string
		in   sfn.GetExecutionHistoryInput
	}{
		{"garbage", sfn.GetExecutionHistoryInput{ExecutionArn: &arn, NextToken: aws.String("garbage")}},
		{"forward token in reverse", sfn.GetExecutionHistoryInput{ExecutionArn: &arn, NextToken: forward, ReverseOrder: true}},
		{"another execution", sfn.GetExecutionHistoryInput{ExecutionArn: &other, NextToken: forward}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := e.GetExecutionHistory(context.Background(), &tt.in)
			checkAPIError(t, "GetExecutionHistory", err, badToken)
		})
	}
}

// A page token belongs to one execution's history, even when another
// execution started at the same instant with the same input.
func TestGetExecutionHistoryTokenOfTwin(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "steps", defSteps)
	arn := mustStart(t, e, sm, "x", `{}`)
	twin := mustStart(t, e, sm, "y", `{}`)
	forward := historyPage(t, e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 2}).NextToken
	_, err := e.GetExecutionHistory(context.Background(), &sfn.GetExecutionHistoryInput{ExecutionArn: &twin, NextToken: forward})
	checkAPIError(t, "GetExecutionHistory", err, badToken)
}
