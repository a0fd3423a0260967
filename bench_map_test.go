package sfnmem_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
)

// An inline Map of 10,000 items writes more than 25,000 events (4 or more an
// item), past the AWS history quota, so these benchmarks raise the engine's
// history limit: they measure the Map, not the quota.
const benchMapItems = 10_000

const benchMapHistoryLimit = 1_000_000

const benchMapWork = "arn:aws:lambda:us-east-1:123456789012:function:item"

// benchMapRedriveDef is an inline Map whose iterator is a Task then a Pass.
const benchMapRedriveDef = `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items",` +
	`"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{` +
	`"Work":{"Type":"Task","Resource":"` + benchMapWork + `","Next":"Done"},"Done":{"Type":"Pass","End":true}}},"End":true}}}`

// benchItemHandler fails the items whose i is a multiple of 100 (1%) and
// answers the others.
func benchItemHandler() sfnmem.TaskHandler {
	ok := json.RawMessage(`{"ok":true}`)
	return func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var item struct{ I int }
		if err := json.Unmarshal(in.Input, &item); err != nil {
			return nil, err
		}
		if item.I%100 == 0 {
			return nil, &sfnmem.TaskFailure{ErrorName: "Item.Failed", Cause: "1% of the items fail"}
		}
		return ok, nil
	}
}

// BenchmarkInlineMap10000 runs an inline Map of 10,000 items with a 3-Pass
// iterator to SUCCEEDED (issue 8, "once Map lands").
func BenchmarkInlineMap10000(b *testing.B) {
	ctx := context.Background()
	e := benchEngine(sfnmem.WithHistoryLimit(benchMapHistoryLimit))
	sm := mustCreate(b, e, "map", benchPeerMap1000)
	in := &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(benchPeerMapInput(benchMapItems))}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.StartExecution(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchMapItems)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkInlineMap10000Redrive redrives an inline Map of 10,000 items of
// which 1% fail. An inline Map fails at its first failed iteration (there is
// no tolerated failure threshold outside Distributed Map), and the failures
// recur, so every redrive fails again and the same execution can be redriven
// again; each redrive adds about 50,000 events, so a fresh execution (on a
// fresh engine, outside the timer) replaces it every 4 redrives.
func BenchmarkInlineMap10000Redrive(b *testing.B) {
	ctx := context.Background()
	// fresh returns a redrive of a new failed execution.
	fresh := func() func() error {
		e := benchEngine(sfnmem.WithHistoryLimit(benchMapHistoryLimit))
		e.HandleTask(benchMapWork, benchItemHandler())
		sm := mustCreate(b, e, "map", benchMapRedriveDef)
		arn := mustStart(b, e, sm, "run", benchPeerMapInput(benchMapItems))
		benchWantStatus(b, e, arn, types.ExecutionStatusFailed)
		in := &sfn.RedriveExecutionInput{ExecutionArn: &arn}
		return func() error {
			_, err := e.RedriveExecution(ctx, in)
			return err
		}
	}
	redrive := fresh()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i > 0 && i%4 == 0 {
			b.StopTimer()
			redrive = fresh()
			b.StartTimer()
		}
		if err := redrive(); err != nil {
			b.Fatal(err)
		}
	}
}
