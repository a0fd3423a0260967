package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/history"
)

// t0 is the fake clock's start in every test.
var t0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

const role = "arn:aws:iam::123456789012:role/sfnmem"

// newEngine returns an engine on a fake clock at t0, and checks the
// invariants of every history it holds when the test ends.
func newEngine(t *testing.T, opts ...sfnmem.Option) (*sfnmem.Engine, *clock.Fake) {
	t.Helper()
	clk := clock.NewFake(t0)
	e := sfnmem.New(append([]sfnmem.Option{sfnmem.WithClock(clk)}, opts...)...)
	t.Cleanup(func() {
		if err := checkEngine(e); err != nil {
			t.Errorf("invariants: %v", err)
		}
	})
	return e, clk
}

// checkEngine runs history.Check over every execution of every machine and
// checks that each execution's status agrees with its last event.
func checkEngine(e *sfnmem.Engine) error {
	if err := sfnmem.CheckProgress(e); err != nil {
		return err
	}
	ctx := context.Background()
	machines, err := e.ListStateMachines(ctx, &sfn.ListStateMachinesInput{MaxResults: 1000})
	if err != nil {
		return err
	}
	for _, m := range machines.StateMachines {
		if m.Type == types.StateMachineTypeExpress {
			continue
		}
		p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{StateMachineArn: m.StateMachineArn})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return err
			}
			for _, x := range page.Executions {
				if err := checkExecution(e, aws.ToString(x.ExecutionArn)); err != nil {
					return err
				}
				if err := checkMapRuns(e, aws.ToString(x.ExecutionArn)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkExecution(e *sfnmem.Engine, arn string) error {
	events, err := allEvents(e, arn)
	if err != nil {
		return err
	}
	if err := history.Check(events); err != nil {
		return fmt.Errorf("%s: %w", arn, err)
	}
	d, err := e.DescribeExecution(context.Background(), &sfn.DescribeExecutionInput{ExecutionArn: &arn})
	if err != nil {
		return err
	}
	last := events[len(events)-1].Type
	want := map[types.HistoryEventType]types.ExecutionStatus{
		types.HistoryEventTypeExecutionSucceeded: types.ExecutionStatusSucceeded,
		types.HistoryEventTypeExecutionFailed:    types.ExecutionStatusFailed,
		types.HistoryEventTypeExecutionTimedOut:  types.ExecutionStatusTimedOut,
		types.HistoryEventTypeExecutionAborted:   types.ExecutionStatusAborted,
	}[last]
	if want == "" {
		want = types.ExecutionStatusRunning
	}
	if d.Status != want {
		return fmt.Errorf("%s: status %s but last event %s", arn, d.Status, last)
	}
	redrives := int32(0)
	for _, ev := range events {
		if ev.Type == types.HistoryEventTypeExecutionRedriven {
			redrives++
		}
	}
	if aws.ToInt32(d.RedriveCount) != redrives {
		return fmt.Errorf("%s: redriveCount %d but %d ExecutionRedriven events", arn, aws.ToInt32(d.RedriveCount), redrives)
	}
	return nil
}

// checkMapRuns checks every Map Run of an execution: its counters sum to
// their totals and agree with the statuses of its children, and every
// Standard child's history holds the invariants.
func checkMapRuns(e *sfnmem.Engine, arn string) error {
	ctx := context.Background()
	p := sfn.NewListMapRunsPaginator(e, &sfn.ListMapRunsInput{ExecutionArn: &arn})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, item := range page.MapRuns {
			if err := checkMapRun(e, item.MapRunArn); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkMapRun(e *sfnmem.Engine, mapRunArn *string) error {
	ctx := context.Background()
	d, err := e.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: mapRunArn})
	if err != nil {
		return err
	}
	c := d.ExecutionCounts
	if sum := c.Pending + c.Running + c.Succeeded + c.Failed + c.TimedOut + c.Aborted + aws.ToInt64(c.PendingRedrive); sum != c.Total {
		return fmt.Errorf("%s: execution counters sum to %d, total %d", *mapRunArn, sum, c.Total)
	}
	i := d.ItemCounts
	if sum := i.Pending + i.Running + i.Succeeded + i.Failed + i.TimedOut + i.Aborted + aws.ToInt64(i.PendingRedrive); sum != i.Total {
		return fmt.Errorf("%s: item counters sum to %d, total %d", *mapRunArn, sum, i.Total)
	}
	byStatus := map[types.ExecutionStatus]int64{}
	p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{MapRunArn: mapRunArn, MaxResults: 1000})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, x := range page.Executions {
			byStatus[x.Status]++
			if strings.Contains(aws.ToString(x.ExecutionArn), ":execution:") {
				if err := checkExecution(e, aws.ToString(x.ExecutionArn)); err != nil {
					return err
				}
			}
		}
	}
	want := map[types.ExecutionStatus]int64{
		types.ExecutionStatusRunning: c.Running, types.ExecutionStatusSucceeded: c.Succeeded,
		types.ExecutionStatusFailed: c.Failed, types.ExecutionStatusTimedOut: c.TimedOut,
		types.ExecutionStatusAborted: c.Aborted, types.ExecutionStatusPendingRedrive: aws.ToInt64(c.PendingRedrive),
	}
	for status, n := range want {
		if byStatus[status] != n {
			return fmt.Errorf("%s: %d children %s, counters say %d", *mapRunArn, byStatus[status], status, n)
		}
	}
	return nil
}

// allEvents pages through a whole history with the SDK paginator.
func allEvents(e *sfnmem.Engine, arn string) ([]types.HistoryEvent, error) {
	var events []types.HistoryEvent
	p := sfn.NewGetExecutionHistoryPaginator(e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 7})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			return nil, err
		}
		events = append(events, page.Events...)
	}
	return events, nil
}

func mustEvents(t *testing.T, e *sfnmem.Engine, arn string) []types.HistoryEvent {
	t.Helper()
	events, err := allEvents(e, arn)
	if err != nil {
		t.Fatalf("GetExecutionHistory(%s): %v", arn, err)
	}
	return events
}

// mustCreate creates a Standard state machine and returns its ARN.
func mustCreate(t testing.TB, e *sfnmem.Engine, name, definition string) string {
	t.Helper()
	out, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: &name, Definition: &definition, RoleArn: aws.String(role),
	})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s) = %v", name, err)
	}
	return aws.ToString(out.StateMachineArn)
}

// mustStart starts an execution named name with input and returns its ARN.
func mustStart(t testing.TB, e *sfnmem.Engine, sm, name, input string) string {
	t.Helper()
	out, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{
		StateMachineArn: &sm, Name: &name, Input: &input,
	})
	if err != nil {
		t.Fatalf("StartExecution(%s) = %v", name, err)
	}
	return aws.ToString(out.ExecutionArn)
}

// mustDescribe describes an execution.
func mustDescribe(t testing.TB, e *sfnmem.Engine, arn string) *sfn.DescribeExecutionOutput {
	t.Helper()
	out, err := e.DescribeExecution(context.Background(), &sfn.DescribeExecutionInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatalf("DescribeExecution(%s) = %v", arn, err)
	}
	return out
}

// handler returns a TaskHandler that answers with result.
func handler(result string) sfnmem.TaskHandler {
	raw := json.RawMessage(result) // converted once: benchmarks call it per task
	return func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		return raw, nil
	}
}

// failing returns a TaskHandler that fails n times with errName, then
// answers with result; *calls counts every call.
func failing(n int, errName, result string, calls *int) sfnmem.TaskHandler {
	return func(context.Context, sfnmem.TaskInput) (json.RawMessage, error) {
		*calls++
		if *calls <= n {
			return nil, &sfnmem.TaskFailure{ErrorName: errName, Cause: fmt.Sprintf("attempt %d failed", *calls)}
		}
		return json.RawMessage(result), nil
	}
}

// wantAPIError asserts that err is an SDK error of type T and returns it.
func wantAPIError[T interface {
	error
	ErrorCode() string
}](t *testing.T, call string, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("%s = %v, want %T", call, err, target)
	}
	return target
}
