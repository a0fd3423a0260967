package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
)

// Listing with a statusFilter walks the status index; its pages must be
// exactly the unfiltered listing filtered by hand, through every status
// change (start, failure, stop, redrive), for every filter and page size.
func TestStatusIndexMatchesScan(t *testing.T) {
	e, _ := newEngine(t)
	ctx := context.Background()
	fixed := map[int]bool{}
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var v struct{ N int }
		json.Unmarshal(in.Input, &v)
		switch {
		case v.N%5 == 0:
			return nil, sfnmem.ErrTaskPending // stays RUNNING
		case v.N%3 == 0 && !fixed[v.N]:
			return nil, &sfnmem.TaskFailure{ErrorName: "Odd"}
		}
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "idx", `{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"`+workFn+`","End":true}}}`)
	var arns []string
	for n := 1; n <= 120; n++ {
		arns = append(arns, mustStart(t, e, sm, fmt.Sprint("x", n), fmt.Sprintf(`{"n":%d}`, n)))
	}
	for n := 3; n <= 120; n += 6 { // redrive every other failed one, after fixing it
		if n%5 == 0 {
			continue // still running
		}
		fixed[n] = true
		redrive(t, e, arns[n-1])
	}
	for n := 10; n <= 120; n += 20 { // stop some running ones
		if _, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: &arns[n-1]}); err != nil {
			t.Fatal(err)
		}
	}

	listAll := func(status types.ExecutionStatus, rf types.ExecutionRedriveFilter, page int32) []string {
		t.Helper()
		var got []string
		p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{StateMachineArn: &sm, StatusFilter: status, RedriveFilter: rf, MaxResults: page})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range out.Executions {
				got = append(got, fmt.Sprintf("%s %s %d", aws.ToString(x.Name), x.Status, aws.ToInt32(x.RedriveCount)))
			}
		}
		return got
	}
	everything := listAll("", "", 1000)
	for _, status := range []types.ExecutionStatus{types.ExecutionStatusRunning, types.ExecutionStatusSucceeded,
		types.ExecutionStatusFailed, types.ExecutionStatusAborted, types.ExecutionStatusTimedOut} {
		for _, rf := range []types.ExecutionRedriveFilter{"", types.ExecutionRedriveFilterRedriven, types.ExecutionRedriveFilterNotRedriven} {
			var want []string
			for _, line := range everything {
				var name, st string
				var rc int
				fmt.Sscanf(line, "%s %s %d", &name, &st, &rc)
				if st == string(status) && (rf == "" || (rf == types.ExecutionRedriveFilterRedriven) == (rc > 0)) {
					want = append(want, line)
				}
			}
			for _, page := range []int32{1, 3, 7, 100} {
				if diff := cmp.Diff(want, listAll(status, rf, page)); diff != "" {
					t.Errorf("status %s, redrive %q, page %d (-want +got):\n%s", status, rf, page, diff)
				}
			}
		}
	}
}
