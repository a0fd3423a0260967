package history_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

func ExampleLog_Page() {
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	l := history.NewLog(0)
	l.Append(types.HistoryEventTypeExecutionStarted, 0, at, &types.ExecutionStartedEventDetails{Input: aws.String(`{}`)})
	l.Append(types.HistoryEventTypePassStateEntered, 1, at, &types.StateEnteredEventDetails{Name: aws.String("Hello")})
	l.Append(types.HistoryEventTypePassStateExited, 2, at, &types.StateExitedEventDetails{Name: aws.String("Hello")})
	l.Append(types.HistoryEventTypeExecutionSucceeded, 3, at, &types.ExecutionSucceededEventDetails{Output: aws.String(`{}`)})

	req := history.PageRequest{MaxResults: 3, Reverse: true}
	for {
		events, next, err := l.Page(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range events {
			fmt.Println(e.Id, e.Type, e.PreviousEventId)
		}
		if next == "" {
			break
		}
		req.NextToken = next
	}
	fmt.Println(history.Check(l.Events()))
	// Output:
	// 4 ExecutionSucceeded 3
	// 3 PassStateExited 2
	// 2 PassStateEntered 1
	// 1 ExecutionStarted 0
	// <nil>
}

func ExampleDetailsField() {
	for _, typ := range []types.HistoryEventType{
		types.HistoryEventTypeTaskStateEntered,
		types.HistoryEventTypeMapIterationFailed,
		types.HistoryEventTypeParallelStateStarted,
	} {
		field, _ := history.DetailsField(typ)
		fmt.Printf("%s: %q\n", typ, field)
	}
	// Output:
	// TaskStateEntered: "StateEnteredEventDetails"
	// MapIterationFailed: "MapIterationFailedEventDetails"
	// ParallelStateStarted: ""
}
