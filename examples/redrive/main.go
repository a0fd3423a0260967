// Command redrive watches a Step Functions redrive happen in memory: an order
// workflow whose payment task fails, the execution as DescribeExecution
// reports it, the redrive, and the history with only the failed task run
// again.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
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

const (
	reserveFn = "arn:aws:lambda:us-east-1:123456789012:function:reserve"
	chargeFn  = "arn:aws:lambda:us-east-1:123456789012:function:charge"
)

const definition = `{
  "StartAt": "Reserve",
  "States": {
    "Reserve": {"Type": "Task", "Resource": "` + reserveFn + `", "ResultPath": "$.reservation", "Next": "Charge"},
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "` + chargeFn + `", "Payload.$": "$"},
      "ResultSelector": {"receipt.$": "$.Payload.receipt"},
      "ResultPath": "$.payment",
      "Retry": [{"ErrorEquals": ["Card.Busy"], "MaxAttempts": 2}],
      "Next": "Done"
    },
    "Done": {"Type": "Succeed"}
  }
}`

func run(ctx context.Context, w io.Writer) error {
	clk := clock.NewFake(time.Date(2024, 1, 2, 9, 0, 0, 0, time.UTC))
	e := sfnmem.New(sfnmem.WithClock(clk))

	// The payment provider is down until someone fixes it.
	providerUp := false
	calls := map[string]int{}
	e.HandleTask(reserveFn, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		calls["reserve"]++
		return json.RawMessage(`{"sku":"book-42","held":true}`), nil
	})
	e.HandleTask(chargeFn, func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		calls["charge"]++
		if !providerUp {
			return nil, &sfnmem.TaskFailure{ErrorName: "Card.ProviderDown", Cause: "payment provider unreachable"}
		}
		return json.RawMessage(`{"receipt":"rcpt-7"}`), nil
	})

	sm, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:       aws.String("orders"),
		Definition: aws.String(definition),
		RoleArn:    aws.String("arn:aws:iam::123456789012:role/orders"),
	})
	if err != nil {
		return err
	}
	start, err := e.StartExecution(ctx, &sfn.StartExecutionInput{
		StateMachineArn: sm.StateMachineArn,
		Name:            aws.String("order-1001"),
		Input:           aws.String(`{"order":1001}`),
	})
	if err != nil {
		return err
	}
	arn := start.ExecutionArn
	if err := describe(ctx, w, e, arn, "after the first run"); err != nil {
		return err
	}

	clk.Advance(2 * time.Hour) // someone fixes the provider
	providerUp = true
	out, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: arn})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nredriven at %s\n\n", out.RedriveDate.Format(time.RFC3339))
	if err := describe(ctx, w, e, arn, "after the redrive"); err != nil {
		return err
	}
	fmt.Fprintf(w, "\ntask calls: reserve=%d charge=%d (reserve is not run again)\n\nhistory:\n", calls["reserve"], calls["charge"])
	return printHistory(ctx, w, e, arn)
}

func describe(ctx context.Context, w io.Writer, e *sfnmem.Engine, arn *string, when string) error {
	d, err := e.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: arn})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s: status=%s redriveCount=%d redriveStatus=%s", when, d.Status, aws.ToInt32(d.RedriveCount), d.RedriveStatus)
	if d.RedriveStatusReason != nil {
		fmt.Fprintf(w, " (%s)", *d.RedriveStatusReason)
	}
	if d.Error != nil {
		fmt.Fprintf(w, "\n  error=%s cause=%q", *d.Error, aws.ToString(d.Cause))
	}
	if d.Output != nil {
		fmt.Fprintf(w, "\n  output=%s", *d.Output)
	}
	fmt.Fprintln(w)
	return nil
}

func printHistory(ctx context.Context, w io.Writer, e *sfnmem.Engine, arn *string) error {
	p := sfn.NewGetExecutionHistoryPaginator(e, &sfn.GetExecutionHistoryInput{ExecutionArn: arn})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, ev := range page.Events {
			fmt.Fprintf(w, "  %2d  %-26s %s%s\n", ev.Id, ev.Type, ev.Timestamp.Format("15:04:05"), note(ev))
		}
	}
	return nil
}

// note adds the detail that makes an event readable.
func note(ev types.HistoryEvent) string {
	switch {
	case ev.StateEnteredEventDetails != nil:
		return "  " + aws.ToString(ev.StateEnteredEventDetails.Name)
	case ev.TaskFailedEventDetails != nil:
		return "  " + aws.ToString(ev.TaskFailedEventDetails.Error)
	case ev.LambdaFunctionFailedEventDetails != nil:
		return "  " + aws.ToString(ev.LambdaFunctionFailedEventDetails.Error)
	case ev.ExecutionFailedEventDetails != nil:
		return "  " + aws.ToString(ev.ExecutionFailedEventDetails.Error)
	case ev.ExecutionRedrivenEventDetails != nil:
		return fmt.Sprintf("  redriveCount=%d", aws.ToInt32(ev.ExecutionRedrivenEventDetails.RedriveCount))
	}
	return ""
}
