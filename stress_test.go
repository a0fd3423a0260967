package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/history"
)

const (
	stressWorkFn     = "arn:aws:lambda:us-east-1:123456789012:function:stress-work"
	stressReenterFn  = "arn:aws:lambda:us-east-1:123456789012:function:stress-reenter"
	stressCallbackRS = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"
)

// The stress machines: a Wait then a Task that fails on some inputs (with a
// Retry), a callback task left pending for the test to complete, a task whose
// handler calls back into the engine, and a Wait followed by a Choice that
// may end in a Fail state.
var stressMachines = map[string]string{
	"work": `{"StartAt":"Pause","States":{
		"Pause":{"Type":"Wait","Seconds":5,"Next":"Work"},
		"Work":{"Type":"Task","Resource":"` + stressWorkFn + `","ResultPath":"$.work",
		  "Retry":[{"ErrorEquals":["Work.Busy"],"IntervalSeconds":2,"MaxAttempts":2}],"Next":"Done"},
		"Done":{"Type":"Succeed"}}}`,
	"callback": `{"StartAt":"Ask","States":{
		"Ask":{"Type":"Task","Resource":"` + stressCallbackRS + `","TimeoutSeconds":120,"HeartbeatSeconds":30,
		  "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody.$":"$"},"Next":"Done"},
		"Done":{"Type":"Succeed"}}}`,
	"reenter": `{"StartAt":"Call","States":{
		"Call":{"Type":"Task","Resource":"` + stressReenterFn + `","End":true}}}`,
	"wait": `{"StartAt":"W","States":{
		"W":{"Type":"Wait","Seconds":60,"Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":6,"Next":"F"}],"Default":"S"},
		"F":{"Type":"Fail","Error":"Too.Big","Cause":"n is greater than 6"},
		"S":{"Type":"Succeed"}}}`,
}

// expectedCodes lists, per operation, the SDK errors AWS itself would return
// to the calls the stress test makes. Any other error fails the test.
var expectedCodes = map[string][]string{
	"StartExecution":    {"ExecutionAlreadyExists"},
	"RedriveExecution":  {"ExecutionNotRedrivable"},
	"SendTaskSuccess":   {"TaskTimedOut"},
	"SendTaskFailure":   {"TaskTimedOut"},
	"SendTaskHeartbeat": {"TaskTimedOut"},
}

// stress is the state the stress test's goroutines share.
type stress struct {
	t        *testing.T
	e        *sfnmem.Engine
	machines []string // state machine ARNs, in a fixed order

	mu     sync.Mutex
	execs  []string            // every execution ARN ever started
	seen   map[string]bool     // execs as a set
	tokens []string            // every task token a callback handler received
	used   map[string]struct{} // tokens the final drain already completed

	ok, expected atomic.Int64 // calls that succeeded, calls refused as AWS would
	redriven     atomic.Int64
	completed    atomic.Int64 // successful SendTaskSuccess/Failure
}

func (s *stress) addExecution(arn string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.seen[arn] {
		s.seen[arn] = true
		s.execs = append(s.execs, arn)
	}
}

func (s *stress) addToken(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = append(s.tokens, tok)
}

// pick returns a random element of the shared list, or "" if it is empty.
func (s *stress) pick(r *rand.Rand, list *[]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(*list) == 0 {
		return ""
	}
	return (*list)[r.IntN(len(*list))]
}

// check records the outcome of one call: an error must be an SDK error AWS
// would return to that call.
func (s *stress) check(op string, err error) {
	s.t.Helper()
	if err == nil {
		s.ok.Add(1)
		return
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		s.t.Errorf("%s: untyped error %T: %v", op, err, err)
		return
	}
	if !slices.Contains(expectedCodes[op], api.ErrorCode()) {
		s.t.Errorf("%s: unexpected %s: %v", op, api.ErrorCode(), err)
		return
	}
	s.expected.Add(1)
}

// register installs the stress handlers. The reenter handler calls the
// engine from inside a task, as TaskHandler allows.
func (s *stress) register() {
	s.e.HandleTask(stressWorkFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var v struct{ N int }
		if err := json.Unmarshal(in.Input, &v); err != nil {
			return nil, err
		}
		switch {
		case v.N%3 == 0 && in.RetryCount == 0:
			return nil, &sfnmem.TaskFailure{ErrorName: "Work.Busy", Cause: "try again"}
		case v.N%4 == 0 && in.RedriveCount == 0:
			return nil, &sfnmem.TaskFailure{ErrorName: "Work.Failed", Cause: "n is a multiple of 4"}
		}
		return json.RawMessage(fmt.Sprintf(`{"n":%d}`, v.N)), nil
	})
	s.e.HandleTask(stressCallbackRS, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		s.addToken(in.TaskToken)
		return nil, sfnmem.ErrTaskPending
	})
	s.e.HandleTask(stressReenterFn, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		d, err := s.e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(in.ExecutionArn)})
		s.check("DescribeExecution", err)
		if err != nil {
			return nil, err
		}
		// Another goroutine may have stopped it since the task started.
		if d.Status != types.ExecutionStatusRunning && d.Status != types.ExecutionStatusAborted {
			s.t.Errorf("DescribeExecution(%s) from its own task: status %s, want RUNNING or ABORTED", in.ExecutionArn, d.Status)
		}
		out, err := s.e.StartExecution(ctx, &sfn.StartExecutionInput{
			StateMachineArn: aws.String(s.machines[0]), Input: aws.String(`{"n":1}`)})
		s.check("StartExecution", err)
		if err != nil {
			return nil, err
		}
		s.addExecution(aws.ToString(out.ExecutionArn))
		return json.RawMessage(`{"child":"` + aws.ToString(out.ExecutionArn) + `"}`), nil
	})
}

// op is one randomly chosen API call of a stress worker.
func (s *stress) op(ctx context.Context, r *rand.Rand) {
	switch r.IntN(10) {
	case 0, 1:
		sm := s.machines[r.IntN(len(s.machines))]
		out, err := s.e.StartExecution(ctx, &sfn.StartExecutionInput{
			StateMachineArn: aws.String(sm),
			Name:            aws.String(fmt.Sprintf("x-%d", r.IntN(60))),
			Input:           aws.String(fmt.Sprintf(`{"n":%d}`, r.IntN(10))),
		})
		s.check("StartExecution", err)
		if err == nil {
			s.addExecution(aws.ToString(out.ExecutionArn))
		}
	case 2:
		if arn := s.pick(r, &s.execs); arn != "" {
			_, err := s.e.StopExecution(ctx, &sfn.StopExecutionInput{
				ExecutionArn: aws.String(arn), Error: aws.String("Stress.Stop"), Cause: aws.String("stopped by the stress test")})
			s.check("StopExecution", err)
		}
	case 3:
		if arn := s.pick(r, &s.execs); arn != "" {
			in := &sfn.RedriveExecutionInput{ExecutionArn: aws.String(arn)}
			if r.IntN(2) == 0 {
				in.ClientToken = aws.String(fmt.Sprintf("tok-%d", r.IntN(4)))
			}
			_, err := s.e.RedriveExecution(ctx, in)
			s.check("RedriveExecution", err)
			if err == nil {
				s.redriven.Add(1)
			}
		}
	case 4:
		if arn := s.pick(r, &s.execs); arn != "" {
			s.describe(ctx, arn)
		}
	case 5:
		s.list(ctx, r)
	case 6:
		if arn := s.pick(r, &s.execs); arn != "" {
			s.history(ctx, r, arn)
		}
	case 7, 8, 9:
		if tok := s.pick(r, &s.tokens); tok != "" {
			s.send(ctx, r, tok)
		}
	}
}

// describe checks that a DescribeExecution answer is self-consistent even
// while other goroutines change the execution.
func (s *stress) describe(ctx context.Context, arn string) {
	d, err := s.e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
	s.check("DescribeExecution", err)
	if err != nil {
		return
	}
	running := d.Status == types.ExecutionStatusRunning
	if running == (d.StopDate != nil) {
		s.t.Errorf("DescribeExecution(%s): status %s with stopDate %v", arn, d.Status, d.StopDate)
	}
	if (aws.ToInt32(d.RedriveCount) > 0) != (d.RedriveDate != nil) {
		s.t.Errorf("DescribeExecution(%s): redriveCount %d with redriveDate %v", arn, aws.ToInt32(d.RedriveCount), d.RedriveDate)
	}
}

// list pages through one machine's executions with the SDK paginator: no
// execution may appear twice, even while executions start and close.
func (s *stress) list(ctx context.Context, r *rand.Rand) {
	filters := []types.ExecutionStatus{"", types.ExecutionStatusRunning, types.ExecutionStatusFailed, types.ExecutionStatusAborted}
	in := &sfn.ListExecutionsInput{
		StateMachineArn: aws.String(s.machines[r.IntN(len(s.machines))]),
		StatusFilter:    filters[r.IntN(len(filters))],
		MaxResults:      int32(1 + r.IntN(5)),
	}
	if r.IntN(3) == 0 {
		in.RedriveFilter = types.ExecutionRedriveFilterRedriven
	}
	seen := map[string]bool{}
	p := sfn.NewListExecutionsPaginator(s.e, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		s.check("ListExecutions", err)
		if err != nil {
			return
		}
		for _, x := range page.Executions {
			arn := aws.ToString(x.ExecutionArn)
			if seen[arn] {
				s.t.Errorf("ListExecutions(%s): %s listed twice", aws.ToString(in.StateMachineArn), arn)
			}
			seen[arn] = true
		}
	}
	if r.IntN(4) == 0 {
		p := sfn.NewListStateMachinesPaginator(s.e, &sfn.ListStateMachinesInput{MaxResults: 1})
		for p.HasMorePages() {
			_, err := p.NextPage(ctx)
			s.check("ListStateMachines", err)
			if err != nil {
				return
			}
		}
	}
}

// history pages through a history, forwards or backwards, while it may be
// growing: the events read must form a valid history.
func (s *stress) history(ctx context.Context, r *rand.Rand, arn string) {
	reverse := r.IntN(2) == 0
	p := sfn.NewGetExecutionHistoryPaginator(s.e, &sfn.GetExecutionHistoryInput{
		ExecutionArn: aws.String(arn), MaxResults: int32(1 + r.IntN(6)),
		ReverseOrder: reverse, IncludeExecutionData: aws.Bool(r.IntN(2) == 0),
	})
	var events []types.HistoryEvent
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		s.check("GetExecutionHistory", err)
		if err != nil {
			return
		}
		events = append(events, page.Events...)
	}
	if reverse {
		slices.Reverse(events)
	}
	if err := history.Check(events); err != nil {
		s.t.Errorf("GetExecutionHistory(%s, reverse=%v): %v", arn, reverse, err)
	}
}

func (s *stress) send(ctx context.Context, r *rand.Rand, tok string) {
	var err error
	switch r.IntN(3) {
	case 0:
		_, err = s.e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(tok), Output: aws.String(`{"approved":true}`)})
		s.check("SendTaskSuccess", err)
	case 1:
		_, err = s.e.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(tok), Error: aws.String("Stress.Rejected")})
		s.check("SendTaskFailure", err)
	case 2:
		_, err = s.e.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String(tok)})
		s.check("SendTaskHeartbeat", err)
		return
	}
	if err == nil {
		s.completed.Add(1)
	}
}

// drain completes every callback task the handlers were given and moves the
// clock a year, until nothing new is pending: afterwards no execution may
// be left RUNNING.
func (s *stress) drain(ctx context.Context, advance func(time.Duration)) {
	for range 10 {
		s.mu.Lock()
		var fresh []string
		for _, tok := range s.tokens {
			if _, done := s.used[tok]; !done {
				s.used[tok] = struct{}{}
				fresh = append(fresh, tok)
			}
		}
		s.mu.Unlock()
		for _, tok := range fresh {
			_, err := s.e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(tok), Output: aws.String(`{}`)})
			s.check("SendTaskSuccess", err)
		}
		advance(365 * 24 * time.Hour)
		if len(fresh) == 0 {
			return
		}
	}
}

// 32 goroutines share one engine and its executions for a bounded number of
// random operations each, while another moves the clock; task handlers call
// back into the engine. Every error must be one AWS would return, nothing
// may deadlock, and afterwards every invariant holds (newEngine's cleanup
// checks each history and each execution's status and redriveCount).
func TestStress(t *testing.T) { stressEngine(t, false) }

// TestStressFrozen is TestStress with every succeeded history frozen (as
// an engine keeping many executions does), so that frozen histories are
// read, and their entries and runs taken by new executions, while all the
// rest goes on.
func TestStressFrozen(t *testing.T) { stressEngine(t, true) }

func stressEngine(t *testing.T, freeze bool) {
	const workers = 32
	ops := 200
	if testing.Short() {
		ops = 50
	}
	e, clk := newEngine(t)
	if freeze {
		sfnmem.FreezeEverySucceededHistory(e)
	}
	s := &stress{t: t, e: e, seen: map[string]bool{}, used: map[string]struct{}{}}
	for _, name := range []string{"work", "callback", "reenter", "wait"} {
		s.machines = append(s.machines, mustCreate(t, e, "stress-"+name, stressMachines[name]))
	}
	s.register()
	ctx := context.Background()

	var wg sync.WaitGroup
	worker := func(id int, f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					buf := make([]byte, 64<<10)
					t.Errorf("worker %d panicked: %v\n%s", id, v, buf[:runtime.Stack(buf, false)])
				}
			}()
			f()
		}()
	}
	for id := range workers {
		worker(id, func() {
			r := rand.New(rand.NewPCG(uint64(id), 0x5eed))
			for range ops {
				s.op(ctx, r)
			}
		})
	}
	worker(workers, func() {
		r := rand.New(rand.NewPCG(workers, 0xc10c))
		for range ops {
			clk.Advance(time.Duration(r.IntN(20_000)) * time.Millisecond)
			runtime.Gosched()
		}
	})

	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		// A deadlock would hang newEngine's cleanup too: crash with every
		// goroutine's stack instead.
		buf := make([]byte, 8<<20)
		panic(fmt.Sprintf("TestStress: no progress after 60s (deadlock?)\n%s", buf[:runtime.Stack(buf, true)]))
	}
	if t.Failed() {
		return
	}

	s.drain(ctx, clk.Advance)
	for _, sm := range s.machines {
		p := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{
			StateMachineArn: aws.String(sm), StatusFilter: types.ExecutionStatusRunning})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("ListExecutions(%s, RUNNING) = %v", sm, err)
			}
			for _, x := range page.Executions {
				t.Errorf("%s still RUNNING after every task was completed and the clock moved a year", aws.ToString(x.ExecutionArn))
			}
		}
	}
	for _, arn := range s.execs {
		if err := checkExecution(e, arn); err != nil {
			t.Error(err)
		}
	}
	t.Logf("%d executions, %d calls succeeded, %d refused as AWS would, %d redrives, %d tasks completed by token",
		len(s.execs), s.ok.Load(), s.expected.Load(), s.redriven.Load(), s.completed.Load())
	if s.redriven.Load() == 0 || s.completed.Load() == 0 || s.expected.Load() == 0 {
		t.Errorf("the stress test exercised too little: %d redrives, %d tasks completed, %d expected refusals",
			s.redriven.Load(), s.completed.Load(), s.expected.Load())
	}
}
