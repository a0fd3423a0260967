package sfnmem_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// Creating a machine again with the same name, definition and role returns
// the existing one, creation date included; anything else under that name is
// StateMachineAlreadyExists (research.md 2, test_create_exact_duplicate_sm).
func TestCreateStateMachineDuplicate(t *testing.T) {
	t.Parallel()
	const otherRole = "arn:aws:iam::123456789012:role/other"
	tests := []struct {
		name string
		in   sfn.CreateStateMachineInput
		same bool
	}{
		{"exact duplicate", sfn.CreateStateMachineInput{Definition: aws.String(defPass), RoleArn: aws.String(role)}, true},
		{"exact duplicate, type spelt out", sfn.CreateStateMachineInput{Definition: aws.String(defPass), RoleArn: aws.String(role), Type: types.StateMachineTypeStandard}, true},
		{"other definition", sfn.CreateStateMachineInput{Definition: aws.String(defWait), RoleArn: aws.String(role)}, false},
		{"other role", sfn.CreateStateMachineInput{Definition: aws.String(defPass), RoleArn: aws.String(otherRole)}, false},
		{"other type", sfn.CreateStateMachineInput{Definition: aws.String(defPass), RoleArn: aws.String(role), Type: types.StateMachineTypeExpress}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, clk := newEngine(t)
			arn := mustCreate(t, e, "orders", defPass)
			clk.Advance(time.Hour)
			in := tt.in
			in.Name = aws.String("orders")
			out, err := e.CreateStateMachine(context.Background(), &in)
			if !tt.same {
				checkAPIError(t, "CreateStateMachine", err, wantErr{code: "StateMachineAlreadyExists", msg: "State Machine Already Exists: '" + arn + "'"})
				return
			}
			if err != nil {
				t.Fatalf("CreateStateMachine(duplicate) = %v", err)
			}
			want := &sfn.CreateStateMachineOutput{StateMachineArn: aws.String(arn), CreationDate: aws.Time(t0)}
			if diff := cmp.Diff(want, out, sdkcmp.Options); diff != "" {
				t.Errorf("CreateStateMachine(duplicate) (-want +got):\n%s", diff)
			}
			list, _ := e.ListStateMachines(context.Background(), &sfn.ListStateMachinesInput{})
			if len(list.StateMachines) != 1 {
				t.Errorf("ListStateMachines has %d machines, want 1", len(list.StateMachines))
			}
		})
	}
}

// DescribeStateMachine reports what was created, with the defaults filled
// in.
func TestDescribeStateMachine(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	arn := mustCreate(t, e, "orders", defPass)
	got, err := e.DescribeStateMachine(context.Background(), &sfn.DescribeStateMachineInput{StateMachineArn: &arn})
	if err != nil {
		t.Fatalf("DescribeStateMachine = %v", err)
	}
	want := &sfn.DescribeStateMachineOutput{
		StateMachineArn:      aws.String(arnPrefix + "stateMachine:orders"),
		Name:                 aws.String("orders"),
		Definition:           aws.String(defPass),
		RoleArn:              aws.String(role),
		Type:                 types.StateMachineTypeStandard,
		Status:               types.StateMachineStatusActive,
		CreationDate:         aws.Time(t0),
		LoggingConfiguration: &types.LoggingConfiguration{Level: types.LogLevelOff},
		TracingConfiguration: &types.TracingConfiguration{},
	}
	if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
		t.Errorf("DescribeStateMachine (-want +got):\n%s", diff)
	}
}

// Deleting a well-formed ARN that names no machine succeeds and changes
// nothing (research.md 2, test_delete_nonexistent_sm).
func TestDeleteStateMachineUnknown(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	mustCreate(t, e, "orders", defPass)
	before := snapshot(t, e)
	if _, err := e.DeleteStateMachine(context.Background(), &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(unknownSM)}); err != nil {
		t.Fatalf("DeleteStateMachine(unknown) = %v, want success", err)
	}
	if diff := cmp.Diff(before, snapshot(t, e), sdkcmp.Options); diff != "" {
		t.Errorf("DeleteStateMachine(unknown) changed the engine (-before +after):\n%s", diff)
	}
}

// A machine with no running execution disappears at once; its executions
// stay describable and its name is free again.
func TestDeleteStateMachineIdle(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	ctx := context.Background()
	sm := mustCreate(t, e, "orders", defPass)
	done := mustStart(t, e, sm, "done", `{}`)
	if _, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &sm}); err != nil {
		t.Fatalf("DeleteStateMachine = %v", err)
	}
	_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
	checkAPIError(t, "DescribeStateMachine", err, noSuchMachine(sm))
	_, err = e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm})
	checkAPIError(t, "StartExecution", err, noSuchMachine(sm))
	if got := mustDescribe(t, e, done).Status; got != types.ExecutionStatusSucceeded {
		t.Errorf("execution of the deleted machine: status %s, want SUCCEEDED", got)
	}
	if again := mustCreate(t, e, "orders", defWait); again != sm {
		t.Errorf("re-created machine ARN = %s, want %s", again, sm)
	}
}

// Deleting a machine with a running execution puts it in DELETING: it starts
// nothing more, the execution is aborted at its next state transition, and
// the machine is gone once none runs (API-DeleteSM).
func TestDeleteStateMachineRunning(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	ctx := context.Background()
	sm := mustCreate(t, e, "waiter", defWait)
	arn := mustStart(t, e, sm, "running", `{}`)
	clk.Advance(10 * time.Second)
	if _, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &sm}); err != nil {
		t.Fatalf("DeleteStateMachine = %v", err)
	}
	d, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
	if err != nil || d.Status != types.StateMachineStatusDeleting {
		t.Fatalf("DescribeStateMachine while running = %v, %v; want status DELETING", d, err)
	}
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusRunning {
		t.Errorf("execution before its next transition: status %s, want RUNNING", got)
	}
	_, err = e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("late")})
	checkAPIError(t, "StartExecution", err, wantErr{code: "StateMachineDeleting"})
	_, err = e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("waiter"), Definition: aws.String(defWait), RoleArn: aws.String(role)})
	checkAPIError(t, "CreateStateMachine", err, wantErr{code: "StateMachineDeleting"})

	clk.Advance(50 * time.Second) // the Wait ends: the next transition
	x := mustDescribe(t, e, arn)
	if x.Status != types.ExecutionStatusAborted || !aws.ToTime(x.StopDate).Equal(t0.Add(time.Minute)) {
		t.Errorf("execution after its next transition: status %s, stopDate %v; want ABORTED at %v", x.Status, x.StopDate, t0.Add(time.Minute))
	}
	events := mustEvents(t, e, arn)
	if last := events[len(events)-1].Type; last != types.HistoryEventTypeExecutionAborted {
		t.Errorf("last event %s, want ExecutionAborted", last)
	}
	_, err = e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
	checkAPIError(t, "DescribeStateMachine", err, noSuchMachine(sm))
}

// ListStateMachines pages through every machine exactly once, whatever the
// page size, and its last page has no token.
func TestListStateMachinesPaging(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	var want []types.StateMachineListItem
	for i, name := range []string{"a", "b", "c", "d", "e"} {
		if i > 0 {
			clk.Advance(time.Second)
		}
		arn := mustCreate(t, e, name, defPass)
		want = append(want, types.StateMachineListItem{
			StateMachineArn: aws.String(arn), Name: aws.String(name), Type: types.StateMachineTypeStandard, CreationDate: aws.Time(clk.Now()),
		})
	}
	for _, size := range []int32{0, 1, 2, 3} {
		p := sfn.NewListStateMachinesPaginator(e, &sfn.ListStateMachinesInput{MaxResults: size})
		var got []types.StateMachineListItem
		var last *sfn.ListStateMachinesOutput
		for pages := 0; p.HasMorePages(); pages++ {
			if pages > 10 {
				t.Fatal("paging does not end")
			}
			page, err := p.NextPage(context.Background())
			if err != nil {
				t.Fatalf("maxResults=%d: page %d = %v", size, pages+1, err)
			}
			if size > 0 && len(page.StateMachines) > int(size) {
				t.Errorf("maxResults=%d: page of %d", size, len(page.StateMachines))
			}
			got = append(got, page.StateMachines...)
			last = page
		}
		if last.NextToken != nil {
			t.Errorf("maxResults=%d: last page has a NextToken", size)
		}
		if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
			t.Errorf("maxResults=%d (-want +got):\n%s", size, diff)
		}
	}
}

// A ListStateMachines nextToken longer than 1024 characters breaks the
// model's length constraint: ValidationException, with the text recorded
// against AWS (research.md 2, test_list_sms_pagination).
func TestListStateMachinesLongToken(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	token := strings.Repeat("t", 1025)
	_, err := e.ListStateMachines(context.Background(), &sfn.ListStateMachinesInput{NextToken: &token})
	checkAPIError(t, "ListStateMachines", err, wantErr{code: "ValidationException",
		msg: "1 validation error detected: Value '" + token + "' at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1024"})
}
