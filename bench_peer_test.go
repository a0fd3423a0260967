package sfnmem_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem"
)

// The three machines of the peer comparison (issue 8), run by
// bench/peer/peer.mjs on the npm interpreter aws-local-stepfunctions and by
// BenchmarkPeer on sfnmem. bench/peer/machines.json holds the same
// definitions; TestBenchPeerMachinesInSync keeps them equal.

const benchPeerTask = "arn:aws:lambda:us-east-1:123456789012:function:peer"

// benchPeerPass100 is a linear machine of 100 Pass states.
func benchPeerPass100() string {
	states := make([]string, 100)
	for i := range states {
		next := `"End":true`
		if i < len(states)-1 {
			next = fmt.Sprintf(`"Next":"P%02d"`, i+1)
		}
		states[i] = fmt.Sprintf(`"P%02d":{"Type":"Pass",%s}`, i, next)
	}
	return benchDef("P00", states)
}

// benchPeerTask50 is a linear machine of 50 Task states.
func benchPeerTask50() string {
	states := make([]string, 50)
	for i := range states {
		next := `"End":true`
		if i < len(states)-1 {
			next = fmt.Sprintf(`"Next":"T%02d"`, i+1)
		}
		states[i] = fmt.Sprintf(`"T%02d":{"Type":"Task","Resource":%q,%s}`, i, benchPeerTask, next)
	}
	return benchDef("T00", states)
}

// benchPeerMap1000 is an inline Map over $.items whose iterator is three
// Pass states; benchPeerMapInput gives it 1,000 items.
const benchPeerMap1000 = `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items",` +
	`"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"A","States":{` +
	`"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}},"End":true}}}`

func benchPeerMapInput(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{"i":%d}`, i)
	}
	return `{"items":[` + strings.Join(items, ",") + `]}`
}

// benchPeerMachines are the comparison's machines with their inputs.
func benchPeerMachines() []struct{ name, def, input string } {
	return []struct{ name, def, input string }{
		{"pass100", benchPeerPass100(), `{"k":"v"}`},
		{"task50", benchPeerTask50(), `{"k":"v"}`},
		{"map1000", benchPeerMap1000, benchPeerMapInput(1000)},
	}
}

// BenchmarkPeer runs the peer comparison's machines on sfnmem and reports
// executions per second; bench/peer/run.sh runs the same machines on
// aws-local-stepfunctions 3.0.0. Target (issue 8): at least 5× the peer's
// executions/s on each machine.
func BenchmarkPeer(b *testing.B) {
	ctx := context.Background()
	for _, m := range benchPeerMachines() {
		b.Run(m.name, func(b *testing.B) {
			e := benchEngine()
			e.HandleTask(benchPeerTask, handler(`{"ok":true}`))
			sm := mustCreate(b, e, m.name, m.def)
			in := &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(m.input)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.StartExecution(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "executions/s")
		})
	}
}

// benchPeerEngineSize is how many executions BenchmarkPeerFreshEngines runs
// on one engine before it builds the next: a test suite builds an engine per
// test and runs a few executions on it, while BenchmarkPeer's one engine
// keeps every execution of the run (tens of thousands, with their
// histories), so that its figure falls the longer it runs.
const benchPeerEngineSize = 1000

// BenchmarkPeerFreshEngines is BenchmarkPeer with a new engine (New,
// HandleTask, CreateStateMachine, all timed) every benchPeerEngineSize
// executions.
func BenchmarkPeerFreshEngines(b *testing.B) {
	ctx := context.Background()
	for _, m := range benchPeerMachines() {
		b.Run(m.name, func(b *testing.B) {
			var e *sfnmem.Engine
			var in *sfn.StartExecutionInput
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if i%benchPeerEngineSize == 0 {
					e = benchEngine()
					e.HandleTask(benchPeerTask, handler(`{"ok":true}`))
					sm := mustCreate(b, e, m.name, m.def)
					in = &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(m.input)}
				}
				if _, err := e.StartExecution(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "executions/s")
		})
	}
}

func TestBenchPeerMachinesSucceed(t *testing.T) {
	t.Parallel()
	for _, m := range benchPeerMachines() {
		e := benchEngine()
		e.HandleTask(benchPeerTask, handler(`{"ok":true}`))
		sm := mustCreate(t, e, m.name, m.def)
		arn := mustStart(t, e, sm, "run", m.input)
		if got := mustDescribe(t, e, arn).Status; got != types.ExecutionStatusSucceeded {
			t.Errorf("%s: %s, want SUCCEEDED", m.name, got)
		}
	}
}

// TestBenchPeerMachinesInSync checks that bench/peer/machines.json, which
// bench/peer/peer.mjs runs on the npm peer, holds exactly the machines and
// inputs BenchmarkPeer runs. SFNMEM_WRITE_PEER=1 rewrites it.
func TestBenchPeerMachinesInSync(t *testing.T) {
	t.Parallel()
	type machine struct {
		Name       string          `json:"name"`
		Definition json.RawMessage `json:"definition"`
		Input      json.RawMessage `json:"input"`
	}
	// One machine a line, compact, so the file stays small and diffable.
	wantJSON := []byte("[\n")
	for i, m := range benchPeerMachines() {
		line, err := json.Marshal(machine{m.name, json.RawMessage(m.def), json.RawMessage(m.input)})
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			wantJSON = append(wantJSON, ",\n"...)
		}
		wantJSON = append(wantJSON, line...)
	}
	wantJSON = append(wantJSON, "\n]\n"...)
	const path = "bench/peer/machines.json"
	if os.Getenv("SFNMEM_WRITE_PEER") == "1" {
		if err := os.WriteFile(path, wantJSON, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, wantJSON) {
		t.Errorf("%s is out of date: run SFNMEM_WRITE_PEER=1 go test -run TestBenchPeerMachinesInSync .", path)
	}
}
