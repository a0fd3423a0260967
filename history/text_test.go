package history_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// textCase is one event stored both ways: by AppendText from shared plus
// text, and by Append from the whole details want.
type textCase struct {
	typ    types.HistoryEventType
	shared any
	want   any
}

func textCases(text string) []textCase {
	name := aws.String("Step")
	flag := &types.HistoryEventExecutionDataDetails{}
	res, typ, region := aws.String("invoke"), aws.String("lambda"), aws.String("us-east-1")
	fn := aws.String("arn:aws:lambda:us-east-1:123456789012:function:f")
	return []textCase{
		{types.HistoryEventTypePassStateEntered, name,
			&types.StateEnteredEventDetails{Name: name, Input: &text, InputDetails: flag}},
		{types.HistoryEventTypeTaskStateExited, name,
			&types.StateExitedEventDetails{Name: name, Output: &text, OutputDetails: flag}},
		{types.HistoryEventTypeExecutionStarted, &types.ExecutionStartedEventDetails{RoleArn: aws.String("role")},
			&types.ExecutionStartedEventDetails{RoleArn: aws.String("role"), Input: &text, InputDetails: flag}},
		{types.HistoryEventTypeExecutionSucceeded, &types.ExecutionSucceededEventDetails{},
			&types.ExecutionSucceededEventDetails{Output: &text, OutputDetails: flag}},
		{types.HistoryEventTypeTaskScheduled,
			&types.TaskScheduledEventDetails{Resource: res, ResourceType: typ, Region: region, TimeoutInSeconds: aws.Int64(5)},
			&types.TaskScheduledEventDetails{Resource: res, ResourceType: typ, Region: region, TimeoutInSeconds: aws.Int64(5), Parameters: &text}},
		{types.HistoryEventTypeTaskSucceeded, &types.TaskSucceededEventDetails{Resource: res, ResourceType: typ},
			&types.TaskSucceededEventDetails{Resource: res, ResourceType: typ, Output: &text, OutputDetails: flag}},
		{types.HistoryEventTypeTaskSubmitted, &types.TaskSubmittedEventDetails{Resource: res, ResourceType: typ},
			&types.TaskSubmittedEventDetails{Resource: res, ResourceType: typ, Output: &text, OutputDetails: flag}},
		{types.HistoryEventTypeLambdaFunctionScheduled, &types.LambdaFunctionScheduledEventDetails{Resource: fn},
			&types.LambdaFunctionScheduledEventDetails{Resource: fn, Input: &text, InputDetails: flag}},
		{types.HistoryEventTypeLambdaFunctionSucceeded, &types.LambdaFunctionSucceededEventDetails{},
			&types.LambdaFunctionSucceededEventDetails{Output: &text, OutputDetails: flag}},
		{types.HistoryEventTypeActivityScheduled, &types.ActivityScheduledEventDetails{Resource: fn, HeartbeatInSeconds: aws.Int64(3)},
			&types.ActivityScheduledEventDetails{Resource: fn, HeartbeatInSeconds: aws.Int64(3), Input: &text, InputDetails: flag}},
		{types.HistoryEventTypeActivitySucceeded, &types.ActivitySucceededEventDetails{},
			&types.ActivitySucceededEventDetails{Output: &text, OutputDetails: flag}},
	}
}

// An event stored by AppendText reads exactly like the same event stored
// whole by Append: through Event, Events and Page, with and without the
// execution data.
// A text larger than the log's arena takes (up to the 256 KiB payload
// limit) reads back the same.
func TestAppendTextReadsLikeAppend(t *testing.T) {
	t.Parallel()
	large := `{"k":"` + strings.Repeat("v", 200<<10) + `"}`
	for _, text := range []string{`{"k":"v"}`, large} {
		for _, tc := range textCases(text) {
			testAppendTextReadsLikeAppend(t, tc, text)
		}
	}
}

func testAppendTextReadsLikeAppend(t *testing.T, tc textCase, text string) {
	t.Helper()
	t.Run(fmt.Sprintf("%s/%d bytes", tc.typ, len(text)), func(t *testing.T) {
		t.Parallel()
		byText, whole := history.NewLog(0), history.NewLog(0)
		if _, err := byText.AppendText(tc.typ, 0, t0, tc.shared, text); err != nil {
			t.Fatalf("AppendText = %v", err)
		}
		if _, err := whole.Append(tc.typ, 0, t0, tc.want); err != nil {
			t.Fatalf("Append = %v", err)
		}
		if diff := cmp.Diff(whole.Events(), byText.Events(), sdkOpts); diff != "" {
			t.Errorf("Events (-Append +AppendText):\n%s", diff)
		}
		for _, data := range []bool{true, false} {
			req := history.PageRequest{IncludeExecutionData: data}
			want, _, err := whole.Page(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := byText.Page(req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, sdkOpts); diff != "" {
				t.Errorf("Page(includeExecutionData=%v) (-Append +AppendText):\n%s", data, diff)
			}
		}
	})
}

// The shared part is never written through: changing every event a page
// returns leaves the log, and the next page, as they were.
func TestAppendTextPagesDoNotAlias(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	for _, tc := range textCases("in") {
		if _, err := l.AppendText(tc.typ, 0, t0, tc.shared, "in"); err != nil {
			t.Fatalf("%s: %v", tc.typ, err)
		}
	}
	before := l.Events()
	page, _, err := l.Page(history.PageRequest{IncludeExecutionData: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range page {
		scribble(t, history.Details(page[i]))
	}
	after, _, err := l.Page(history.PageRequest{IncludeExecutionData: true})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, l.Events(), sdkOpts); diff != "" {
		t.Errorf("the log changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before, after, sdkOpts); diff != "" {
		t.Errorf("the next page changed (-before +after):\n%s", diff)
	}
}

// scribble overwrites every *string and *HistoryEventExecutionDataDetails a
// details value points to.
func scribble(t *testing.T, d any) {
	t.Helper()
	switch d := d.(type) {
	case *types.StateEnteredEventDetails:
		*d.Name, *d.Input, d.InputDetails.Truncated = "x", "x", true
	case *types.StateExitedEventDetails:
		*d.Name, *d.Output, d.OutputDetails.Truncated = "x", "x", true
	case *types.ExecutionStartedEventDetails:
		*d.RoleArn, *d.Input, d.InputDetails.Truncated = "x", "x", true
	case *types.ExecutionSucceededEventDetails:
		*d.Output, d.OutputDetails.Truncated = "x", true
	case *types.TaskScheduledEventDetails:
		*d.Resource, *d.Parameters, *d.TimeoutInSeconds = "x", "x", 99
	case *types.TaskSucceededEventDetails:
		*d.Resource, *d.Output, d.OutputDetails.Truncated = "x", "x", true
	case *types.TaskSubmittedEventDetails:
		*d.Resource, *d.Output, d.OutputDetails.Truncated = "x", "x", true
	case *types.LambdaFunctionScheduledEventDetails:
		*d.Resource, *d.Input, d.InputDetails.Truncated = "x", "x", true
	case *types.LambdaFunctionSucceededEventDetails:
		*d.Output, d.OutputDetails.Truncated = "x", true
	case *types.ActivityScheduledEventDetails:
		*d.Resource, *d.Input, *d.HeartbeatInSeconds = "x", "x", 99
	case *types.ActivitySucceededEventDetails:
		*d.Output, d.OutputDetails.Truncated = "x", true
	default:
		t.Fatalf("scribble: unexpected %T", d)
	}
}

func TestAppendTextRejects(t *testing.T) {
	t.Parallel()
	name := aws.String("Step")
	tests := []struct {
		name   string
		typ    types.HistoryEventType
		prev   int64
		shared any
	}{
		{"type without data", types.HistoryEventTypeTaskFailed, 0, &types.TaskFailedEventDetails{}},
		{"type without details", types.HistoryEventTypeTaskStarted, 0, name},
		{"unknown type", "NoSuchEvent", 0, name},
		{"a template for a state event", types.HistoryEventTypePassStateEntered, 0, &types.StateEnteredEventDetails{}},
		{"a name for a task event", types.HistoryEventTypeTaskScheduled, 0, name},
		{"a nil name", types.HistoryEventTypePassStateEntered, 0, (*string)(nil)},
		{"a nil template", types.HistoryEventTypeTaskSucceeded, 0, (*types.TaskSucceededEventDetails)(nil)},
		{"nil", types.HistoryEventTypeTaskSucceeded, 0, nil},
		{"a link forward", types.HistoryEventTypePassStateEntered, 1, name},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := history.NewLog(0)
			if _, err := l.AppendText(tt.typ, tt.prev, t0, tt.shared, "{}"); !errors.Is(err, history.ErrInvalidEvent) {
				t.Errorf("AppendText = %v, want ErrInvalidEvent", err)
			}
			if l.Len() != 0 {
				t.Errorf("Len = %d after a refused AppendText, want 0", l.Len())
			}
		})
	}
	full := history.NewLog(1)
	if _, err := full.AppendText(types.HistoryEventTypePassStateEntered, 0, t0, name, "{}"); err != nil {
		t.Fatal(err)
	}
	if _, err := full.AppendText(types.HistoryEventTypePassStateExited, 1, t0, name, "{}"); !errors.Is(err, history.ErrLimit) {
		t.Errorf("AppendText on a full log = %v, want ErrLimit", err)
	}
}
