// Command maprun watches a Distributed Map's Map Run fail and be redriven:
// 100 orders are shipped by child executions, 5 of them fail, the parent is
// redriven, and only those 5 children run again, as DescribeMapRun shows.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

const shipFn = "arn:aws:lambda:us-east-1:123456789012:function:ship"

const definition = `{
  "StartAt": "ShipAll",
  "States": {
    "ShipAll": {
      "Type": "Map",
      "Label": "ship",
      "ItemReader": {
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": {"InputType": "JSONL"},
        "Parameters": {"Bucket": "orders", "Key": "today.jsonl"}
      },
      "MaxConcurrency": 20,
      "ToleratedFailureCount": 4,
      "ItemProcessor": {
        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Ship",
        "States": {"Ship": {"Type": "Task", "Resource": "` + shipFn + `", "End": true}}
      },
      "End": true
    }
  }
}`

func run(ctx context.Context, w io.Writer) error {
	clk := clock.NewFake(time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC))
	e := sfnmem.New(sfnmem.WithClock(clk))

	// 100 orders, one JSON object a line, in the engine's object store.
	var lines []string
	for i := 1; i <= 100; i++ {
		lines = append(lines, fmt.Sprintf(`{"order":%d}`, i))
	}
	e.PutObject("orders", "today.jsonl", []byte(strings.Join(lines, "\n")))

	// The carrier rejects every order divisible by 20 until it is fixed.
	carrierFixed := false
	shipped := 0
	e.HandleTask(shipFn, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var o struct{ Order int }
		if err := json.Unmarshal(in.Input, &o); err != nil {
			return nil, err
		}
		shipped++
		if o.Order%20 == 0 && !carrierFixed {
			return nil, &sfnmem.TaskFailure{ErrorName: "Carrier.Rejected", Cause: fmt.Sprintf("order %d rejected", o.Order)}
		}
		return json.RawMessage(fmt.Sprintf(`{"tracking":"T-%d"}`, o.Order)), nil
	})

	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("shipping"), Definition: aws.String(definition),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/shipping"),
	})
	if err != nil {
		return err
	}
	start, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String("today")})
	if err != nil {
		return err
	}
	if err := report(ctx, w, e, start.ExecutionArn, "after the first run"); err != nil {
		return err
	}
	fmt.Fprintf(w, "  ship called %d times\n\n", shipped)

	clk.Advance(time.Hour)
	carrierFixed = true
	shipped = 0
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: start.ExecutionArn}); err != nil {
		return err
	}
	if err := report(ctx, w, e, start.ExecutionArn, "after the redrive"); err != nil {
		return err
	}
	fmt.Fprintf(w, "  ship called %d times (only the failed children)\n", shipped)
	return nil
}

func report(ctx context.Context, w io.Writer, e *sfnmem.Engine, arn *string, when string) error {
	d, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: arn})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: execution %s", when, d.Status)
	if d.Error != nil {
		fmt.Fprintf(w, " (%s)", *d.Error)
	}
	fmt.Fprintln(w)
	runs, err := e.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: arn})
	if err != nil {
		return err
	}
	mr, err := e.DescribeMapRun(ctx, &sfn.DescribeMapRunInput{MapRunArn: runs.MapRuns[0].MapRunArn})
	if err != nil {
		return err
	}
	c := mr.ExecutionCounts
	fmt.Fprintf(w, "  Map Run %s, redriveCount %d: total %d, succeeded %d, failed %d, pending redrive %d\n",
		mr.Status, aws.ToInt32(mr.RedriveCount), c.Total, c.Succeeded, c.Failed, aws.ToInt64(c.PendingRedrive))
	failed, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: mr.MapRunArn, StatusFilter: types.ExecutionStatusFailed})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  failed children listed by ListExecutions(mapRunArn, FAILED): %d\n", len(failed.Executions))
	return nil
}
