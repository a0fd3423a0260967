package sfnmem_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/internal/golden"
)

// snapWorld is what the program around an engine keeps between calls:
// handler call counts and task tokens. An interrupted run shares one world
// between the engine that is snapshotted and the one it is restored into,
// as a test process that re-creates its engine would.
type snapWorld struct {
	calls  int
	tokens []string
	notes  map[string]string
}

// snapCase runs before, then (interrupted) snapshots the engine and
// restores it into a new one, then runs after.
type snapCase struct {
	name     string
	def      string
	input    string
	handlers func(w *snapWorld) map[string]sfnmem.TaskHandler
	before   func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld)
	after    func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld)
	want     types.ExecutionStatus
}

const callbackResource = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"

// pendingCallback records each task's token and leaves the task open.
func pendingCallback(w *snapWorld) map[string]sfnmem.TaskHandler {
	return map[string]sfnmem.TaskHandler{callbackResource: func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		w.tokens = append(w.tokens, in.TaskToken)
		return nil, sfnmem.ErrTaskPending
	}}
}

// failFirst fails the first n calls of fn with Boom, then answers {"ok":n}.
func failFirst(fn string, n int) func(w *snapWorld) map[string]sfnmem.TaskHandler {
	return func(w *snapWorld) map[string]sfnmem.TaskHandler {
		return map[string]sfnmem.TaskHandler{fn: func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
			w.calls++
			if w.calls <= n {
				return nil, &sfnmem.TaskFailure{ErrorName: "Boom", Cause: fmt.Sprintf("call %d", w.calls)}
			}
			return json.RawMessage(fmt.Sprintf(`{"call":%d}`, w.calls)), nil
		}}
	}
}

func snapAdvance(d ...time.Duration) func(*testing.T, *sfnmem.Engine, *clock.Fake, string, *snapWorld) {
	return func(_ *testing.T, _ *sfnmem.Engine, clk *clock.Fake, _ string, _ *snapWorld) {
		for _, step := range d {
			clk.Advance(step)
		}
	}
}

func snapRedrive(token string) func(*testing.T, *sfnmem.Engine, *clock.Fake, string, *snapWorld) {
	return func(t *testing.T, e *sfnmem.Engine, _ *clock.Fake, arn string, _ *snapWorld) {
		t.Helper()
		if _, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{
			ExecutionArn: &arn, ClientToken: aws.String(token)}); err != nil {
			t.Fatalf("RedriveExecution(%s, %s) = %v", arn, token, err)
		}
	}
}

func snapCases() []snapCase {
	return []snapCase{
		{
			name: "wait in progress",
			def: `{"StartAt":"Prep","TimeoutSeconds":3600,"States":{
				"Prep":{"Type":"Pass","Result":{"f":1.0,"big":12345678901234567},"ResultPath":"$.prep","Next":"Pause"},
				"Pause":{"Type":"Wait","Seconds":30,"Next":"Done"},
				"Done":{"Type":"Pass","End":true}}}`,
			input: `{"a":"<b>"}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				clk.Advance(10 * time.Second)
				out, err := e.GetExecutionHistory(context.Background(), &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 2})
				if err != nil {
					t.Fatalf("GetExecutionHistory = %v", err)
				}
				w.notes = map[string]string{"page": aws.ToString(out.NextToken)}
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				// A page token issued before the snapshot still reads on.
				if _, err := e.GetExecutionHistory(context.Background(), &sfn.GetExecutionHistoryInput{
					ExecutionArn: &arn, MaxResults: 2, NextToken: aws.String(w.notes["page"])}); err != nil {
					t.Fatalf("GetExecutionHistory(token from before the snapshot) = %v", err)
				}
				clk.Advance(19 * time.Second)
				if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusRunning {
					t.Fatalf("status 1s before the deadline = %s, want RUNNING", got)
				}
				clk.Advance(time.Second)
			},
			want: types.ExecutionStatusSucceeded,
		},
		{
			name: "callback task pending",
			def: `{"StartAt":"Approve","States":{
				"Approve":{"Type":"Task","Resource":"` + callbackResource + `","HeartbeatSeconds":60,"TimeoutSeconds":300,
				  "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"Next":"Done"},
				"Done":{"Type":"Pass","End":true}}}`,
			input:    `{}`,
			handlers: pendingCallback,
			before: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				clk.Advance(30 * time.Second)
				if _, err := e.SendTaskHeartbeat(context.Background(), &sfn.SendTaskHeartbeatInput{TaskToken: &w.tokens[0]}); err != nil {
					t.Fatalf("SendTaskHeartbeat = %v", err)
				}
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				clk.Advance(50 * time.Second) // inside the renewed heartbeat
				if _, err := e.SendTaskSuccess(context.Background(), &sfn.SendTaskSuccessInput{
					TaskToken: &w.tokens[0], Output: aws.String(`{"approved":true}`)}); err != nil {
					t.Fatalf("SendTaskSuccess = %v", err)
				}
			},
			want: types.ExecutionStatusSucceeded,
		},
		{
			name: "callback heartbeat lapses after restore",
			def: `{"StartAt":"Approve","States":{
				"Approve":{"Type":"Task","Resource":"` + callbackResource + `","HeartbeatSeconds":60,
				  "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}}`,
			input:    `{}`,
			handlers: pendingCallback,
			before:   snapAdvance(30 * time.Second),
			after:    snapAdvance(30 * time.Second),
			want:     types.ExecutionStatusFailed,
		},
		{
			name: "retry interval pending",
			def: `{"StartAt":"Id","States":{
				"Id":{"Type":"Pass","Parameters":{"id.$":"States.UUID()"},"Next":"Charge"},
				"Charge":{"Type":"Task","Resource":"` + chargeFn + `",
				  "Retry":[{"ErrorEquals":["Boom"],"IntervalSeconds":5,"MaxAttempts":3,"BackoffRate":2,"JitterStrategy":"FULL"}],
				  "ResultPath":"$.charge","Next":"Id2"},
				"Id2":{"Type":"Pass","Parameters":{"id.$":"States.UUID()","r.$":"States.MathRandom(1, 1000000)"},"End":true}}}`,
			input:    `{}`,
			handlers: failFirst(chargeFn, 2),
			after:    snapAdvance(time.Minute, time.Minute),
			want:     types.ExecutionStatusSucceeded,
		},
		{
			name: "failed execution redriven after restore",
			def: `{"StartAt":"Prep","States":{
				"Prep":{"Type":"Pass","Next":"Charge"},
				"Charge":{"Type":"Task","Resource":"` + chargeFn + `","End":true}}}`,
			input:    `{"order":7}`,
			handlers: failFirst(chargeFn, 1),
			after:    snapRedrive("redrive-1"),
			want:     types.ExecutionStatusSucceeded,
		},
		{
			name: "client token replay after restore",
			def: `{"StartAt":"Charge","States":{
				"Charge":{"Type":"Task","Resource":"` + chargeFn + `","End":true}}}`,
			input:    `{}`,
			handlers: failFirst(chargeFn, 2),
			before: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				clk.Advance(time.Minute)
				out, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn, ClientToken: aws.String("tok-1")})
				if err != nil {
					t.Fatalf("RedriveExecution(tok-1) = %v", err)
				}
				w.notes = map[string]string{"date": out.RedriveDate.Format(time.RFC3339Nano)}
				clk.Advance(time.Minute)
			},
			after: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				out, err := e.RedriveExecution(context.Background(), &sfn.RedriveExecutionInput{ExecutionArn: &arn, ClientToken: aws.String("tok-1")})
				if err != nil {
					t.Fatalf("RedriveExecution(tok-1 again) = %v, want the first redrive's date", err)
				}
				if got := out.RedriveDate.Format(time.RFC3339Nano); got != w.notes["date"] {
					t.Fatalf("RedriveExecution(tok-1 again).RedriveDate = %s, want %s", got, w.notes["date"])
				}
				if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusFailed {
					t.Fatalf("status after a replayed token = %s, want FAILED", got)
				}
				snapRedrive("tok-2")(t, e, clk, arn, w)
			},
			want: types.ExecutionStatusSucceeded,
		},
		{
			name: "parallel with one branch pending",
			def: `{"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
				{"StartAt":"Quick","States":{"Quick":{"Type":"Pass","Result":1,"End":true}}},
				{"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":60,"Next":"Then"},"Then":{"Type":"Pass","End":true}}}]}}}`,
			input:  `{"x":1}`,
			before: snapAdvance(20 * time.Second),
			after:  snapAdvance(40 * time.Second),
			want:   types.ExecutionStatusSucceeded,
		},
		{
			name: "failed parallel redriven after restore",
			def: `{"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
				{"StartAt":"Quick","States":{"Quick":{"Type":"Pass","Result":1,"End":true}}},
				{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"` + chargeFn + `","End":true}}}]}}}`,
			input:    `{}`,
			handlers: failFirst(chargeFn, 1),
			after:    snapRedrive("r"),
			want:     types.ExecutionStatusSucceeded,
		},
		{
			name: "inline map mid-way with MaxConcurrency 1",
			def: `{"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"End":true,
				"ItemProcessor":{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":10,"Next":"Echo"},"Echo":{"Type":"Pass","End":true}}}}}}`,
			input:  `{"items":[1,2.5,"three"]}`,
			before: snapAdvance(15 * time.Second),
			after:  snapAdvance(30 * time.Second),
			want:   types.ExecutionStatusSucceeded,
		},
		{
			name: "failed inline map redriven after restore",
			def: `{"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
				"ItemProcessor":{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"` + chargeFn + `","End":true}}}}}}`,
			input:    `{"items":[1,2,3]}`,
			handlers: failFirst(chargeFn, 1),
			after:    snapRedrive("r"),
			want:     types.ExecutionStatusSucceeded,
		},
		{
			name: "distributed map with children pending",
			def: `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","Label":"fan","ItemsPath":"$.items","MaxConcurrency":2,
				"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
				  "StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":10,"Next":"Echo"},"Echo":{"Type":"Pass","End":true}}},
				"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`,
			input: `{"items":[1,2,3,4,5]}`,
			before: func(t *testing.T, e *sfnmem.Engine, clk *clock.Fake, arn string, w *snapWorld) {
				e.PutObject("bucket", "key", []byte("kept across the snapshot"))
				clk.Advance(15 * time.Second)
			},
			after: snapAdvance(time.Minute),
			want:  types.ExecutionStatusSucceeded,
		},
		{
			name: "distributed map of express children pending",
			def: `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
				"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
				  "StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}`,
			input:  `{"items":[1,2,3]}`,
			before: snapAdvance(15 * time.Second),
			after:  snapAdvance(time.Minute),
			want:   types.ExecutionStatusSucceeded,
		},
		{
			name: "failed distributed map redriven after restore",
			def: `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items",
				"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
				  "StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"` + chargeFn + `","End":true}}},"End":true}}}`,
			input:    `{"items":[1,2,3]}`,
			handlers: failFirst(chargeFn, 1),
			after:    snapRedrive("r"),
			want:     types.ExecutionStatusSucceeded,
		},
	}
}

// A run interrupted by Snapshot and Restore and then continued writes
// exactly the histories of an uninterrupted one, for every execution, and
// the two engines end in the same state (their final snapshots agree).
func TestSnapshotRestoreContinuesRun(t *testing.T) {
	t.Parallel()
	for _, c := range snapCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			plain, _ := runSnapCase(t, c, false)
			restored, arn := runSnapCase(t, c, true)
			if got := mustDescribe(t, restored, arn).Status; got != c.want {
				t.Errorf("restored run ends %s, want %s", got, c.want)
			}
			if diff := cmp.Diff(allHistories(t, plain), allHistories(t, restored)); diff != "" {
				t.Errorf("histories differ (-uninterrupted +restored):\n%s", diff)
			}
			if diff := cmp.Diff(describeAll(t, plain), describeAll(t, restored)); diff != "" {
				t.Errorf("executions differ (-uninterrupted +restored):\n%s", diff)
			}
			if diff := cmp.Diff(snapshotText(t, plain), snapshotText(t, restored)); diff != "" {
				t.Errorf("final snapshots differ (-uninterrupted +restored):\n%s", diff)
			}
		})
	}
}

// runSnapCase runs c on one engine, or, interrupted, snapshots after
// before and continues on a restored engine. It returns the engine the run
// ended on and the execution's ARN.
func runSnapCase(t *testing.T, c snapCase, interrupt bool) (*sfnmem.Engine, string) {
	t.Helper()
	w := &snapWorld{}
	var handlers map[string]sfnmem.TaskHandler
	if c.handlers != nil {
		handlers = c.handlers(w)
	}
	e, clk := newEngine(t)
	for res, h := range handlers {
		e.HandleTask(res, h)
	}
	sm := mustCreate(t, e, "snap", c.def)
	arn := mustStart(t, e, sm, "run", c.input)
	if c.before != nil {
		c.before(t, e, clk, arn, w)
	}
	if interrupt {
		var buf bytes.Buffer
		if err := e.Snapshot(&buf); err != nil {
			t.Fatalf("Snapshot = %v", err)
		}
		e, clk = restoredEngine(t, clk.Now(), &buf)
		for res, h := range handlers {
			e.HandleTask(res, h)
		}
	}
	if c.after != nil {
		c.after(t, e, clk, arn, w)
	}
	return e, arn
}

// restoredEngine restores a snapshot into a new engine whose clock reads now.
func restoredEngine(t *testing.T, now time.Time, snap *bytes.Buffer) (*sfnmem.Engine, *clock.Fake) {
	t.Helper()
	e, clk := newEngine(t)
	clk.Set(now)
	if err := e.Restore(snap); err != nil {
		t.Fatalf("Restore = %v", err)
	}
	return e, clk
}

// allHistories renders the history of every Standard execution the engine
// lists, Map Run children included, by ARN.
func allHistories(t *testing.T, e *sfnmem.Engine) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, arn := range allExecutions(t, e) {
		if strings.Contains(arn, ":express:") {
			continue
		}
		out[arn] = golden.Events(mustEvents(t, e, arn))
	}
	return out
}

// allExecutions lists every execution of every machine, then the children
// of their Map Runs.
func allExecutions(t *testing.T, e *sfnmem.Engine) []string {
	t.Helper()
	ctx := context.Background()
	var arns []string
	machines, err := e.ListStateMachines(ctx, &sfn.ListStateMachinesInput{})
	if err != nil {
		t.Fatalf("ListStateMachines = %v", err)
	}
	for _, m := range machines.StateMachines {
		xs, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: m.StateMachineArn, MaxResults: 1000})
		if err != nil {
			t.Fatalf("ListExecutions = %v", err)
		}
		for _, x := range xs.Executions {
			arns = append(arns, aws.ToString(x.ExecutionArn))
			runs, err := e.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: x.ExecutionArn})
			if err != nil {
				t.Fatalf("ListMapRuns = %v", err)
			}
			for _, r := range runs.MapRuns {
				children, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: r.MapRunArn, MaxResults: 1000})
				if err != nil {
					t.Fatalf("ListExecutions(Map Run) = %v", err)
				}
				for _, c := range children.Executions {
					arns = append(arns, aws.ToString(c.ExecutionArn))
				}
			}
		}
	}
	sort.Strings(arns)
	return arns
}

// describeAll describes every execution the engine lists, as comparable
// text.
func describeAll(t *testing.T, e *sfnmem.Engine) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, x := range allExecutions(t, e) {
		b, err := json.Marshal(mustDescribe(t, e, x))
		if err != nil {
			t.Fatalf("json.Marshal(DescribeExecution) = %v", err)
		}
		out[x] = string(b)
	}
	return out
}

func snapshotText(t *testing.T, e *sfnmem.Engine) string {
	t.Helper()
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	return buf.String()
}

// waitingEngine returns an engine with one execution in a Wait state, and
// its snapshot.
func waitingEngine(t *testing.T) (*sfnmem.Engine, *clock.Fake, string, []byte) {
	t.Helper()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "snap", `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":30,"End":true}}}`)
	arn := mustStart(t, e, sm, "run", `{}`)
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	return e, clk, arn, buf.Bytes()
}

// A snapshot that is not valid, or of another version, is refused with a
// clear error and leaves the engine as it was: still empty, so the good
// snapshot can be restored into it afterwards.
func TestRestoreRefusesBadSnapshots(t *testing.T) {
	t.Parallel()
	_, _, _, good := waitingEngine(t)
	text := string(good)
	tests := []struct {
		name string
		data string
		want error
	}{
		{"not JSON", "snapshot?", sfnmem.ErrSnapshotCorrupt},
		{"empty", "", sfnmem.ErrSnapshotCorrupt},
		{"truncated", text[:len(text)/2], sfnmem.ErrSnapshotCorrupt},
		{"another document", `{"Format":"something","Version":1}`, sfnmem.ErrSnapshotCorrupt},
		{"future version", strings.Replace(text, `"Version":1,`, `"Version":2,`, 1), sfnmem.ErrSnapshotVersion},
		{"version zero", strings.Replace(text, `"Version":1,`, `"Version":0,`, 1), sfnmem.ErrSnapshotVersion},
		{"unknown field", strings.Replace(text, `"Version":1,`, `"Version":1,"Extra":true,`, 1), sfnmem.ErrSnapshotCorrupt},
		{"trailing data", text + "{}", sfnmem.ErrSnapshotCorrupt},
		{"unknown state", strings.Replace(text, `"State":"Pause"`, `"State":"Nowhere"`, 1), sfnmem.ErrSnapshotCorrupt},
		{"bad definition", strings.Replace(text, `"StartAt\":\"Pause\"`, `"StartAt\":\"Nowhere\"`, 1), sfnmem.ErrSnapshotCorrupt},
		{"bad random state", strings.Replace(text, `"Rand":"`, `"Rand":"AAAA`, 1), sfnmem.ErrSnapshotCorrupt},
		{"dangling machine", strings.Replace(text, `"Machine":0`, `"Machine":7`, 1), sfnmem.ErrSnapshotCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.data == text {
				t.Fatalf("the case does not change the snapshot")
			}
			e, clk := newEngine(t)
			err := e.Restore(strings.NewReader(tt.data))
			if !errors.Is(err, tt.want) {
				t.Fatalf("Restore = %v, want %v", err, tt.want)
			}
			if err.Error() == tt.want.Error() {
				t.Errorf("Restore error %q says nothing about what was wrong", err)
			}
			if got := snapshotText(t, e); got != snapshotText(t, sfnmem.New(sfnmem.WithClock(clk))) {
				t.Fatalf("engine changed by a refused Restore:\n%s", got)
			}
			if err := e.Restore(bytes.NewReader(good)); err != nil {
				t.Fatalf("Restore(good) after a refused one = %v", err)
			}
		})
	}
}

// Restore into an engine that already holds state is refused, and the
// engine keeps what it had.
func TestRestoreRefusesNonEmptyEngine(t *testing.T) {
	t.Parallel()
	e, _, _, snap := waitingEngine(t)
	before := snapshotText(t, e)
	if err := e.Restore(bytes.NewReader(snap)); !errors.Is(err, sfnmem.ErrRestoreNotEmpty) {
		t.Fatalf("Restore(non-empty engine) = %v, want ErrRestoreNotEmpty", err)
	}
	if got := snapshotText(t, e); got != before {
		t.Fatalf("engine changed by a refused Restore (-before +after):\n%s", cmp.Diff(before, got))
	}

	objects, _ := newEngine(t)
	objects.PutObject("b", "k", []byte("x"))
	if err := objects.Restore(bytes.NewReader(snap)); !errors.Is(err, sfnmem.ErrRestoreNotEmpty) {
		t.Fatalf("Restore(engine with an object) = %v, want ErrRestoreNotEmpty", err)
	}
}

// A snapshot names the partition, Region and account its ARNs were built
// for; an engine configured for another is refused.
func TestRestoreRefusesOtherRegion(t *testing.T) {
	t.Parallel()
	_, _, _, snap := waitingEngine(t)
	e, _ := newEngine(t, sfnmem.WithRegion("eu-west-1"))
	if err := e.Restore(bytes.NewReader(snap)); !errors.Is(err, sfnmem.ErrSnapshotCorrupt) || !strings.Contains(err.Error(), "eu-west-1") {
		t.Fatalf("Restore(other Region) = %v, want ErrSnapshotCorrupt naming the Region", err)
	}
}

// State machines come back with their versions, aliases and revisions, and
// an alias keeps routing by the restored random source.
func TestSnapshotKeepsMachinesVersionsAliases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	build := func(t *testing.T) (*sfnmem.Engine, *clock.Fake, string) {
		e, clk := newEngine(t)
		sm, v1, v2 := twoVersions(t, e)
		mustAlias(t, e, "live", routeTo(v1, 50), routeTo(v2, 50))
		gone := mustCreate(t, e, "gone", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
		mustStart(t, e, gone, "kept", `{}`)
		if _, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &gone}); err != nil {
			t.Fatalf("DeleteStateMachine = %v", err)
		}
		return e, clk, sm
	}
	plain, _, sm := build(t)
	e, clk, _ := build(t)
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	restored, _ := restoredEngine(t, clk.Now(), &buf)
	for i := 0; i < 8; i++ {
		for _, eng := range []*sfnmem.Engine{plain, restored} {
			if _, err := eng.StartExecution(ctx, &sfn.StartExecutionInput{
				StateMachineArn: aws.String(sm + ":live"), Name: aws.String(fmt.Sprintf("x%d", i))}); err != nil {
				t.Fatalf("StartExecution(alias) = %v", err)
			}
		}
	}
	if diff := cmp.Diff(describeAll(t, plain), describeAll(t, restored)); diff != "" {
		t.Errorf("executions started through the alias differ (-uninterrupted +restored):\n%s", diff)
	}
	if diff := cmp.Diff(snapshotText(t, plain), snapshotText(t, restored)); diff != "" {
		t.Errorf("final snapshots differ (-uninterrupted +restored):\n%s", diff)
	}
}

// Snapshot may be taken while other goroutines start executions and move
// the clock; every snapshot restores, and the restored runs finish.
func TestSnapshotWhileRunning(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "busy", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"P"},"P":{"Type":"Pass","End":true}}}`)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				name := fmt.Sprintf("g%d-%d", g, i)
				if _, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: &name}); err != nil {
					t.Errorf("StartExecution(%s) = %v", name, err)
					return
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			clk.Advance(time.Second)
		}
	}()
	var snaps [][]byte
	for i := 0; i < 10; i++ {
		var buf bytes.Buffer
		if err := e.Snapshot(&buf); err != nil {
			t.Fatalf("Snapshot = %v", err)
		}
		snaps = append(snaps, buf.Bytes())
	}
	wg.Wait()
	for _, snap := range snaps {
		restored, clk2 := restoredEngine(t, clk.Now(), bytes.NewBuffer(snap))
		clk2.Advance(time.Minute)
		for _, arn := range allExecutions(t, restored) {
			if got := mustDescribe(t, restored, arn).Status; got != types.ExecutionStatusSucceeded {
				t.Fatalf("restored %s ends %s, want SUCCEEDED", arn, got)
			}
		}
	}
}

// ExampleEngine_Snapshot moves a waiting execution to a new engine, which
// finishes it.
func ExampleEngine_Snapshot() {
	ctx := context.Background()
	clk := clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	e := sfnmem.New(sfnmem.WithClock(clk))
	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("nap"), RoleArn: aws.String(role),
		Definition: aws.String(`{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":60,"End":true}}}`),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
	if err != nil {
		fmt.Println(err)
		return
	}
	var snap bytes.Buffer
	if err := e.Snapshot(&snap); err != nil {
		fmt.Println(err)
		return
	}

	// A new engine, on a clock that reads the same time, takes over. It
	// would need the same HandleTask registrations, had the machine any.
	clk2 := clock.NewFake(clk.Now())
	restored := sfnmem.New(sfnmem.WithClock(clk2))
	if err := restored.Restore(&snap); err != nil {
		fmt.Println(err)
		return
	}
	clk2.Advance(time.Minute)
	d, err := restored.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: x.ExecutionArn})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Status, d.StopDate.Sub(*d.StartDate))
	// Output: SUCCEEDED 1m0s
}

// Restored into an engine whose clock has moved on, timers already past
// are due at once: they fire on the clock's next move, at its time, never
// earlier.
func TestRestoreOverdueTimersFireNow(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	slow := mustCreate(t, e, "slow", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":30,"End":true}}}`)
	fast := mustCreate(t, e, "fast", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}}`)
	arns := []string{mustStart(t, e, slow, "a", `{}`), mustStart(t, e, fast, "b", `{}`)}
	var buf bytes.Buffer
	if err := e.Snapshot(&buf); err != nil {
		t.Fatalf("Snapshot = %v", err)
	}
	later := clk.Now().Add(time.Hour)
	restored, clk2 := restoredEngine(t, later, &buf)
	if got := mustDescribe(t, restored, arns[0]).Status; got != types.ExecutionStatusRunning {
		t.Fatalf("status before the clock moves = %s, want RUNNING", got)
	}
	clk2.Advance(0)
	for _, arn := range arns {
		d := mustDescribe(t, restored, arn)
		if d.Status != types.ExecutionStatusSucceeded || !d.StopDate.Equal(later) {
			t.Errorf("%s: %s at %v, want SUCCEEDED at %v", arn, d.Status, d.StopDate, later)
		}
	}
	if !clk2.Now().Equal(later) {
		t.Errorf("clock after the overdue timers = %v, want %v", clk2.Now(), later)
	}
}

// A SUCCEEDED execution keeps no run, and its record in a snapshot has
// none: it restores as it was. A SUCCEEDED record with a run (as sfnmem
// wrote them before it dropped succeeded runs) restores the same; a record
// of any other status without one is corrupt.
func TestSnapshotOfSucceededExecutionHasNoRun(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "snap", `{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":30,"End":true}}}`)
	mustStart(t, e, sm, "done", `{}`)
	clk.Advance(30 * time.Second)
	mustStart(t, e, sm, "waiting", `{}`)
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(snapshotText(t, e)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	records := map[string]map[string]any{}
	for _, r := range doc["Executions"].([]any) {
		r := r.(map[string]any)
		records[r["Record"].(map[string]any)["Status"].(string)] = r
	}
	done, waiting := records["SUCCEEDED"], records["RUNNING"]
	if done == nil || waiting == nil {
		t.Fatalf("snapshot executions by status: %v", records)
	}
	if _, ok := done["Run"]; ok {
		t.Errorf("the SUCCEEDED execution's record has a Run")
	}
	if _, ok := waiting["Run"]; !ok {
		t.Fatalf("the RUNNING execution's record has no Run")
	}
	restore := func(t *testing.T) (*sfnmem.Engine, error) {
		t.Helper()
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := newEngine(t)
		return r, r.Restore(bytes.NewReader(data))
	}
	t.Run("restored", func(t *testing.T) {
		r, err := restore(t)
		if err != nil {
			t.Fatalf("Restore = %v", err)
		}
		if diff := cmp.Diff(describeAll(t, e), describeAll(t, r)); diff != "" {
			t.Errorf("restored executions differ (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(allHistories(t, e), allHistories(t, r)); diff != "" {
			t.Errorf("restored histories differ (-before +after):\n%s", diff)
		}
	})
	t.Run("succeeded with a run", func(t *testing.T) {
		done["Run"] = waiting["Run"]
		defer delete(done, "Run")
		r, err := restore(t)
		if err != nil {
			t.Fatalf("Restore = %v", err)
		}
		if diff := cmp.Diff(allHistories(t, e), allHistories(t, r)); diff != "" {
			t.Errorf("restored histories differ (-before +after):\n%s", diff)
		}
	})
	t.Run("running without a run", func(t *testing.T) {
		run := waiting["Run"]
		delete(waiting, "Run")
		defer func() { waiting["Run"] = run }()
		if _, err := restore(t); !errors.Is(err, sfnmem.ErrSnapshotCorrupt) {
			t.Errorf("Restore = %v, want ErrSnapshotCorrupt", err)
		}
	})
}
