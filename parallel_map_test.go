package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/golden"
	redrivepkg "github.com/sfnmem/sfnmem/redrive"
)

const workFn = "arn:aws:lambda:us-east-1:123456789012:function:work"

// workInput is what the work handler sees: {"id": n} or {"branch": "b"}.
type workInput struct {
	ID     int    `json:"id"`
	Branch string `json:"branch"`
}

// workHandler fails for the ids in failing until fixed is set, and counts
// every call by id and branch.
type workHandler struct {
	failing map[int]bool
	fail    map[string]bool
	fixed   bool
	calls   map[string]int
}

func newWork() *workHandler {
	return &workHandler{failing: map[int]bool{}, fail: map[string]bool{}, calls: map[string]int{}}
}

func (w *workHandler) handle(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
	var v workInput
	if err := json.Unmarshal(in.Input, &v); err != nil {
		return nil, err
	}
	key := fmt.Sprint(v.ID)
	if v.Branch != "" {
		key = v.Branch
	}
	w.calls[key]++
	if !w.fixed && (w.failing[v.ID] && v.Branch == "" || w.fail[v.Branch]) {
		return nil, &sfnmem.TaskFailure{ErrorName: "Work.Failed", Cause: "failed " + key}
	}
	return json.RawMessage(fmt.Sprintf(`{"done":%q}`, key)), nil
}

func (w *workHandler) total() int {
	n := 0
	for _, c := range w.calls {
		n += c
	}
	return n
}

const parallelMachine = `{"StartAt":"Fan","States":{
	"Fan":{"Type":"Parallel","Next":"Done","ResultSelector":{"all.$":"$"},"Branches":[
	  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"a"},"End":true}}},
	  {"StartAt":"B0","States":{"B0":{"Type":"Pass","Next":"B"},"B":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"b"},"End":true}}},
	  {"StartAt":"C","States":{"C":{"Type":"Wait","Seconds":5,"Next":"C1"},"C1":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"c"},"End":true}}}]},
	"Done":{"Type":"Succeed"}}}`

// A three-branch Parallel whose middle branch fails: the waiting branch is
// aborted; the redrive re-runs the failed branch from its failed task and the
// aborted one, never the branch that succeeded.
func TestParallelRedrive(t *testing.T) {
	e, clk := newEngine(t)
	w := newWork()
	w.fail["b"] = true
	e.HandleTask(workFn, w.handle)
	sm := mustCreate(t, e, "fan", parallelMachine)
	arn := mustStart(t, e, sm, "p", `{}`)
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", got)
	}
	clk.Advance(time.Minute) // the aborted Wait must not fire
	if plan, err := redrivepkg.PlanFrom(mustEvents(t, e, arn)); err != nil || plan.State != "Fan" {
		t.Fatalf("PlanFrom = %+v, %v; want state Fan", plan, err)
	}
	w.fixed = true
	redrive(t, e, arn)
	clk.Advance(5 * time.Second) // branch C waits again
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("status = %s, want SUCCEEDED", d.Status)
	}
	if want := `{"all":[{"done":"a"},{"done":"b"},{"done":"c"}]}`; aws.ToString(d.Output) != want {
		t.Errorf("output = %s, want %s", aws.ToString(d.Output), want)
	}
	if diff := cmp.Diff(map[string]int{"a": 1, "b": 2, "c": 1}, w.calls); diff != "" {
		t.Errorf("calls per branch (-want +got):\n%s", diff)
	}
	golden.Check(t, "parallel/redrive", golden.Events(mustEvents(t, e, arn)))
}

func mapMachine(maxConcurrency int, extra string) string {
	return fmt.Sprintf(`{"StartAt":"Each","States":{
	"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":%d,%s
	  "ItemSelector":{"id.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"},
	  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"%s","End":true}}},
	  "ResultPath":"$.results","End":true}}}`, maxConcurrency, extra, workFn)
}

func itemsInput(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprint(i)
	}
	return `{"items":[` + strings.Join(ids, ",") + `]}`
}

// A 100-item Map with 7 failing items, redriven: the handler runs exactly 7
// more times (the failed item and the ones aborted with it are re-run; with
// MaxConcurrency 1 nothing else was running) and the output equals a run in
// which nothing failed.
func TestMapRedriveOnlyFailedIterations(t *testing.T) {
	for _, mc := range []int{0, 1, 5} {
		t.Run(fmt.Sprintf("MaxConcurrency=%d", mc), func(t *testing.T) {
			clean, _ := newEngine(t)
			ok := newWork()
			clean.HandleTask(workFn, ok.handle)
			cleanArn := mustStart(t, clean, mustCreate(t, clean, "m", mapMachine(mc, "")), "ok", itemsInput(100))
			wantOutput := aws.ToString(mustDescribe(t, clean, cleanArn).Output)

			e, _ := newEngine(t)
			w := newWork()
			for _, id := range []int{3, 17, 18, 40, 41, 77, 99} {
				w.failing[id] = true
			}
			e.HandleTask(workFn, w.handle)
			arn := mustStart(t, e, mustCreate(t, e, "m", mapMachine(mc, "")), "x", itemsInput(100))
			if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
				t.Fatalf("status = %s, want FAILED", got)
			}
			before := w.total()
			w.fixed = true
			redrive(t, e, arn)
			d := mustDescribe(t, e, arn)
			if d.Status != types.ExecutionStatusSucceeded {
				t.Fatalf("after redrive: status %s, want SUCCEEDED", d.Status)
			}
			if got := aws.ToString(d.Output); got != wantOutput {
				t.Errorf("output after redrive differs from a clean run:\n got %.200s\nwant %.200s", got, wantOutput)
			}
			notRun := 100 - before // iterations never started before the failure
			if mc == 0 {
				notRun = 0
			}
			if extra := w.total() - before; extra != 1+notRun && mc != 0 {
				t.Errorf("redrive made %d calls, want %d (the failed item plus the %d never started)", extra, 1+notRun, notRun)
			}
			for id := range 100 {
				if w.calls[fmt.Sprint(id)] == 0 {
					t.Fatalf("item %d never ran", id)
				}
			}
		})
	}
}

// The case: a 100-item Map whose items run concurrently and 7 fail.
// The handler leaves every task open and the test answers them as the
// service would see them finish: the 93 successes first, then the 7
// failures. The first failure fails the Map and aborts the 6 still running;
// the redrive calls the handler exactly 7 more times, and the output equals
// a run in which nothing failed.
func TestMapRedriveSevenOfHundred(t *testing.T) {
	failing := map[int]bool{3: true, 17: true, 18: true, 40: true, 41: true, 77: true, 99: true}
	e, _ := newEngine(t)
	tokens := map[int]string{}
	calls := 0
	fixed := false
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		calls++
		var v workInput
		if err := json.Unmarshal(in.Input, &v); err != nil {
			return nil, err
		}
		if fixed {
			return json.RawMessage(fmt.Sprintf(`{"done":"%d"}`, v.ID)), nil
		}
		tokens[v.ID] = in.TaskToken
		return nil, sfnmem.ErrTaskPending
	})
	sm := mustCreate(t, e, "m", mapMachine(0, ""))
	arn := mustStart(t, e, sm, "x", itemsInput(100))
	ctx := context.Background()
	for id := range 100 {
		if !failing[id] {
			if _, err := e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(tokens[id]), Output: aws.String(fmt.Sprintf(`{"done":"%d"}`, id))}); err != nil {
				t.Fatalf("SendTaskSuccess(%d) = %v", id, err)
			}
		}
	}
	for id := range 100 {
		if failing[id] {
			// Only the first failure lands; the other tasks were aborted with it.
			e.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(tokens[id]), Error: aws.String("Work.Failed")})
		}
	}
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", got)
	}
	if calls != 100 {
		t.Fatalf("first run made %d calls, want 100", calls)
	}
	fixed = true
	redrive(t, e, arn)
	if calls != 107 {
		t.Errorf("redrive made %d calls, want exactly 7", calls-100)
	}

	clean, _ := newEngine(t)
	ok := newWork()
	clean.HandleTask(workFn, ok.handle)
	cleanArn := mustStart(t, clean, mustCreate(t, clean, "m", mapMachine(0, "")), "ok", itemsInput(100))
	want := aws.ToString(mustDescribe(t, clean, cleanArn).Output)
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != want {
		t.Errorf("after redrive: status %s, output %.120s; want SUCCEEDED, %.120s", d.Status, aws.ToString(d.Output), want)
	}
	golden.Check(t, "map/redrive_7_of_100", golden.Events(mustEvents(t, e, arn)))
}

// A Catch on the Map catches an iteration's failure; the execution
// succeeds without a redrive.
func TestMapCatch(t *testing.T) {
	e, _ := newEngine(t)
	w := newWork()
	w.failing[1] = true
	e.HandleTask(workFn, w.handle)
	def := `{"StartAt":"Each","States":{
	"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ItemSelector":{"id.$":"$$.Map.Item.Value"},
	  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + workFn + `","End":true}}},
	  "Catch":[{"ErrorEquals":["Work.Failed"],"ResultPath":"$.error","Next":"Recover"}],"End":true},
	"Recover":{"Type":"Pass","End":true}}}`
	arn := mustStart(t, e, mustCreate(t, e, "m", def), "x", itemsInput(3))
	d := mustDescribe(t, e, arn)
	want := `{"error":{"Cause":"failed 1","Error":"Work.Failed"},"items":[0,1,2]}`
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != want {
		t.Errorf("status %s output %s; want SUCCEEDED %s", d.Status, aws.ToString(d.Output), want)
	}
	golden.Check(t, "map/catch", golden.Events(mustEvents(t, e, arn)))
}

// A Retry on the Map re-runs every iteration (a new attempt of the state),
// with a new MapStateStarted linked to the failure.
func TestMapRetry(t *testing.T) {
	e, clk := newEngine(t)
	calls := 0
	e.HandleTask(workFn, failing(1, "Work.Failed", `{"ok":true}`, &calls))
	def := `{"StartAt":"Each","States":{
	"Each":{"Type":"Map","MaxConcurrency":1,
	  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + workFn + `","End":true}}},
	  "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":3}],"End":true}}}`
	arn := mustStart(t, e, mustCreate(t, e, "m", def), "x", `[1,2]`)
	clk.Advance(3 * time.Second)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `[{"ok":true},{"ok":true}]` {
		t.Errorf("status %s output %s", d.Status, aws.ToString(d.Output))
	}
	golden.Check(t, "map/retry", golden.Events(mustEvents(t, e, arn)))
}

// Nested redrive: a Map whose iterations run a Parallel whose second branch
// runs a Map; one inner iteration fails. The redrive re-runs just that inner
// iteration; every other task keeps its result.
func TestNestedRedrive(t *testing.T) {
	e, _ := newEngine(t)
	calls := map[string]int{}
	fixed := false
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		key := string(in.Input)
		calls[key]++
		if !fixed && key == `{"inner":1,"outer":1}` {
			return nil, &sfnmem.TaskFailure{ErrorName: "Work.Failed"}
		}
		return in.Input, nil
	})
	def := `{"StartAt":"Outer","States":{"Outer":{"Type":"Map","MaxConcurrency":1,
	  "ItemSelector":{"outer.$":"$$.Map.Item.Value.outer","list.$":"$$.Map.Item.Value.list"},
	  "ItemProcessor":{"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
	    {"StartAt":"Left","States":{"Left":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"left.$":"$.outer"},"End":true}}},
	    {"StartAt":"Inner","States":{"Inner":{"Type":"Map","MaxConcurrency":1,"ItemsPath":"$.list",
	      "Parameters":{"outer.$":"$.outer","inner.$":"$$.Map.Item.Value"},
	      "ItemProcessor":{"StartAt":"Leaf","States":{"Leaf":{"Type":"Task","Resource":"` + workFn + `","End":true}}},"End":true}}}]}}},
	  "End":true}}}`
	input := `[{"outer":0,"list":[0,1]},{"outer":1,"list":[0,1,2]},{"outer":2,"list":[0]}]`
	arn := mustStart(t, e, mustCreate(t, e, "nested", def), "x", input)
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", got)
	}
	fixed = true
	redrive(t, e, arn)
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("status after redrive = %s (%s: %s), want SUCCEEDED", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	want := map[string]int{
		`{"left":0}`: 1, `{"inner":0,"outer":0}`: 1, `{"inner":1,"outer":0}`: 1,
		`{"left":1}`: 1, `{"inner":0,"outer":1}`: 1, `{"inner":1,"outer":1}`: 2, `{"inner":2,"outer":1}`: 1,
		`{"left":2}`: 1, `{"inner":0,"outer":2}`: 1,
	}
	if diff := cmp.Diff(want, calls); diff != "" {
		t.Errorf("task calls (-want +got):\n%s", diff)
	}
	golden.Check(t, "map/nested_redrive", golden.Events(mustEvents(t, e, arn)))
}

// A Parallel that failed with States.DataLimitExceeded re-runs whole on
// redrive, succeeded branches included (spec 1.4).
func TestRedriveDataLimitRerunsWholeState(t *testing.T) {
	e, _ := newEngine(t)
	big := true
	calls := map[string]int{}
	e.HandleTask(workFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		calls[string(in.Input)]++
		if big {
			return json.RawMessage(`"` + strings.Repeat("x", 100*1024) + `"`), nil
		}
		return json.RawMessage(`"small"`), nil
	})
	def := `{"StartAt":"Fan","States":{"Fan":{"Type":"Parallel","End":true,"Branches":[
	  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"a"},"End":true}}},
	  {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"b"},"End":true}}},
	  {"StartAt":"C","States":{"C":{"Type":"Task","Resource":"` + workFn + `","Parameters":{"branch":"c"},"End":true}}}]}}}`
	arn := mustStart(t, e, mustCreate(t, e, "fan", def), "x", `{}`)
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.DataLimitExceeded" {
		t.Fatalf("status %s error %s; want FAILED States.DataLimitExceeded", d.Status, aws.ToString(d.Error))
	}
	big = false
	redrive(t, e, arn)
	if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusSucceeded {
		t.Fatalf("status after redrive = %s", got)
	}
	if diff := cmp.Diff(map[string]int{`{"branch":"a"}`: 2, `{"branch":"b"}`: 2, `{"branch":"c"}`: 2}, calls); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}
