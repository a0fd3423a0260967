package sfnhttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
	"github.com/sfnmem/sfnmem/sfnhttp"
)

// t0 is the fake clock's start in every test.
var t0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

const (
	role     = "arn:aws:iam::123456789012:role/sfnmem"
	chargeFn = "arn:aws:lambda:us-east-1:123456789012:function:charge"
	// definition charges, then passes. An input with "pending": true
	// leaves the charge open for SendTaskSuccess.
	definition = `{"StartAt":"Charge","States":{
		"Charge":{"Type":"Task","Resource":"` + chargeFn + `","ResultPath":"$.charge","Next":"Done"},
		"Done":{"Type":"Pass","End":true}}}`
)

// fixture is an engine on a fake clock behind an httptest server, and a
// real SDK client pointed at it.
type fixture struct {
	e      *sfnmem.Engine
	clk    *clock.Fake
	srv    *httptest.Server
	client *sfn.Client

	mu     sync.Mutex
	tokens []string // task tokens of pending charges, in order
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{clk: clock.NewFake(t0)}
	f.e = sfnmem.New(sfnmem.WithClock(f.clk))
	f.e.HandleTask(chargeFn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		var args struct{ Pending bool }
		if err := json.Unmarshal(in.Input, &args); err != nil {
			return nil, err
		}
		if args.Pending {
			f.mu.Lock()
			f.tokens = append(f.tokens, in.TaskToken)
			f.mu.Unlock()
			return nil, sfnmem.ErrTaskPending
		}
		return json.RawMessage(`{"charged":true}`), nil
	})
	f.srv = httptest.NewServer(sfnhttp.NewHandler(f.e))
	t.Cleanup(f.srv.Close)
	f.client = sfn.New(sfn.Options{
		BaseEndpoint: aws.String(f.srv.URL),
		Region:       "us-east-1",
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient:   f.srv.Client(),
		Retryer:      aws.NopRetryer{},
	})
	return f
}

func (f *fixture) token(t *testing.T, i int) string {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.tokens) {
		t.Fatalf("task token %d not issued (have %d)", i, len(f.tokens))
	}
	return f.tokens[i]
}

// withoutValidation removes the SDK's client-side required-member check,
// so a test can send what a careless client in another language might.
func withoutValidation(o *sfn.Options) {
	o.APIOptions = append(o.APIOptions, func(s *middleware.Stack) error {
		s.Initialize.Remove("OperationInputValidation") // absent when nothing is required
		return nil
	})
}

func diffOutputs(t *testing.T, call string, want, got any) {
	t.Helper()
	if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
		t.Errorf("%s over HTTP differs from the engine's answer (-engine +http):\n%s", call, diff)
	}
}

// TestSDKClient drives a whole workflow through the real sfn.Client and
// checks every answer against the engine's own.
func TestSDKClient(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()

	created, err := f.client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("orders"), Definition: aws.String(definition), RoleArn: aws.String(role),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("billing")}},
	})
	if err != nil {
		t.Fatalf("CreateStateMachine = %v", err)
	}
	sm := created.StateMachineArn
	if want := "arn:aws:states:us-east-1:123456789012:stateMachine:orders"; aws.ToString(sm) != want {
		t.Fatalf("CreateStateMachine ARN = %s, want %s", aws.ToString(sm), want)
	}
	if !created.CreationDate.Equal(t0) {
		t.Errorf("CreationDate = %v, want %v", created.CreationDate, t0)
	}
	smIn := &sfn.DescribeStateMachineInput{StateMachineArn: sm}
	wantSM, _ := f.e.DescribeStateMachine(ctx, smIn)
	gotSM, err := f.client.DescribeStateMachine(ctx, smIn)
	if err != nil {
		t.Fatalf("DescribeStateMachine = %v", err)
	}
	diffOutputs(t, "DescribeStateMachine", wantSM, gotSM)

	var arns []*string
	for _, x := range []struct{ name, input string }{
		{"ok-1", `{"amount":1}`}, {"ok-2", `{"amount":2}`}, {"wait", `{"pending":true}`},
	} {
		f.clk.Advance(time.Second)
		out, err := f.client.StartExecution(ctx, &sfn.StartExecutionInput{
			StateMachineArn: sm, Name: aws.String(x.name), Input: aws.String(x.input),
		})
		if err != nil {
			t.Fatalf("StartExecution(%s) = %v", x.name, err)
		}
		if !out.StartDate.Equal(f.clk.Now()) {
			t.Errorf("StartExecution(%s).StartDate = %v, want %v", x.name, out.StartDate, f.clk.Now())
		}
		arns = append(arns, out.ExecutionArn)
	}

	for _, arn := range arns {
		in := &sfn.DescribeExecutionInput{ExecutionArn: arn}
		want, _ := f.e.DescribeExecution(ctx, in)
		got, err := f.client.DescribeExecution(ctx, in)
		if err != nil {
			t.Fatalf("DescribeExecution(%s) = %v", aws.ToString(arn), err)
		}
		diffOutputs(t, "DescribeExecution", want, got)
	}
	if got, _ := f.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: arns[0]}); got.Status != types.ExecutionStatusSucceeded ||
		aws.ToString(got.Output) != `{"amount":1,"charge":{"charged":true}}` {
		t.Errorf("DescribeExecution(ok-1) = %s %s, want SUCCEEDED with the charge", got.Status, aws.ToString(got.Output))
	}

	listIn := &sfn.ListExecutionsInput{StateMachineArn: sm, MaxResults: 1}
	wantList := listAll(t, f.e, listIn)
	gotList := listAll(t, f.client, listIn)
	if len(gotList) != 3 {
		t.Errorf("ListExecutions over HTTP listed %d executions, want 3", len(gotList))
	}
	diffOutputs(t, "ListExecutions", wantList, gotList)

	for _, reverse := range []bool{false, true} {
		histIn := &sfn.GetExecutionHistoryInput{ExecutionArn: arns[0], MaxResults: 2, ReverseOrder: reverse}
		want := historyAll(t, f.e, histIn)
		got := historyAll(t, f.client, histIn)
		if len(got) < 5 {
			t.Errorf("GetExecutionHistory over HTTP returned %d events, want a whole run", len(got))
		}
		diffOutputs(t, "GetExecutionHistory", want, got)
	}

	if _, err := f.client.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(f.token(t, 0)), Output: aws.String(`{"late":true}`)}); err != nil {
		t.Fatalf("SendTaskSuccess = %v", err)
	}
	if got, _ := f.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: arns[2]}); got.Status != types.ExecutionStatusSucceeded {
		t.Errorf("after SendTaskSuccess, status = %s, want SUCCEEDED", got.Status)
	}

	stopme, err := f.client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm, Name: aws.String("stop-me"), Input: aws.String(`{"pending":true}`)})
	if err != nil {
		t.Fatalf("StartExecution(stop-me) = %v", err)
	}
	f.clk.Advance(1500 * time.Millisecond)
	stopped, err := f.client.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: stopme.ExecutionArn, Error: aws.String("Cancelled"), Cause: aws.String("by the test")})
	if err != nil {
		t.Fatalf("StopExecution = %v", err)
	}
	if !stopped.StopDate.Equal(f.clk.Now()) {
		t.Errorf("StopExecution.StopDate = %v, want %v (millisecond precision)", stopped.StopDate, f.clk.Now())
	}
	if got, _ := f.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: stopme.ExecutionArn}); got.Status != types.ExecutionStatusAborted {
		t.Errorf("after StopExecution, status = %s, want ABORTED", got.Status)
	}

	if _, err := f.client.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: sm}); err != nil {
		t.Fatalf("DeleteStateMachine = %v", err)
	}
	wantSM, wantErr := f.e.DescribeStateMachine(ctx, smIn)
	gotSM, gotErr := f.client.DescribeStateMachine(ctx, smIn)
	if wantErr != nil || gotErr != nil {
		diffAPIErrors(t, "DescribeStateMachine after delete", wantErr, gotErr)
	} else {
		diffOutputs(t, "DescribeStateMachine after delete", wantSM, gotSM)
	}
}

func listAll(t *testing.T, c sfn.ListExecutionsAPIClient, in *sfn.ListExecutionsInput) []types.ExecutionListItem {
	t.Helper()
	var items []types.ExecutionListItem
	for p := sfn.NewListExecutionsPaginator(c, in); p.HasMorePages(); {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("ListExecutions = %v", err)
		}
		items = append(items, page.Executions...)
	}
	return items
}

func historyAll(t *testing.T, c sfn.GetExecutionHistoryAPIClient, in *sfn.GetExecutionHistoryInput) []types.HistoryEvent {
	t.Helper()
	var events []types.HistoryEvent
	for p := sfn.NewGetExecutionHistoryPaginator(c, in); p.HasMorePages(); {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("GetExecutionHistory = %v", err)
		}
		events = append(events, page.Events...)
	}
	return events
}

// apiError is what a caller sees of an SDK error.
type apiError struct {
	Code, Message string
	Type          string // the Go type errors.As finds
	Reason        types.ValidationExceptionReason
}

func asAPIError(err error) apiError {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return apiError{Code: "not an API error: " + err.Error()}
	}
	got := apiError{Code: ae.ErrorCode(), Message: ae.ErrorMessage()}
	got.Type = strings.TrimPrefix(fmt.Sprintf("%T", ae), "*types.")
	var ve *types.ValidationException
	if errors.As(err, &ve) {
		got.Reason = ve.Reason
	}
	return got
}

func diffAPIErrors(t *testing.T, call string, want, got error) {
	t.Helper()
	if want == nil || got == nil {
		t.Fatalf("%s: engine error %v, HTTP error %v; want both set", call, want, got)
	}
	// The type and reason survive only where the SDK models the error for
	// the operation; code and message always do.
	w, g := asAPIError(want), asAPIError(got)
	if diff := cmp.Diff([]string{w.Code, w.Message}, []string{g.Code, g.Message}); diff != "" {
		t.Errorf("%s error over HTTP differs from the engine's (-engine +http):\n%s", call, diff)
	}
}

// api is the part of sfn.Client (and *sfnmem.Engine) the error tests call.
type api interface {
	DescribeExecution(context.Context, *sfn.DescribeExecutionInput, ...func(*sfn.Options)) (*sfn.DescribeExecutionOutput, error)
	StartExecution(context.Context, *sfn.StartExecutionInput, ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error)
	SendTaskSuccess(context.Context, *sfn.SendTaskSuccessInput, ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error)
	ListExecutions(context.Context, *sfn.ListExecutionsInput, ...func(*sfn.Options)) (*sfn.ListExecutionsOutput, error)
	StopExecution(context.Context, *sfn.StopExecutionInput, ...func(*sfn.Options)) (*sfn.StopExecutionOutput, error)
}

// TestSDKErrors checks that every error reaches the SDK client as the same
// typed error, with the same code, message and reason, as the engine's.
func TestSDKErrors(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	sm := aws.String("arn:aws:states:us-east-1:123456789012:stateMachine:orders")
	if _, err := f.e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("orders"), Definition: aws.String(definition), RoleArn: aws.String(role)}); err != nil {
		t.Fatal(err)
	}
	noSuch := aws.String("arn:aws:states:us-east-1:123456789012:execution:orders:nope")

	type call func(api) error
	tests := []struct {
		name string
		call call
		want apiError
	}{
		{"ExecutionDoesNotExist", func(api api) error {
			_, err := api.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: noSuch}, withoutValidation)
			return err
		}, apiError{Code: "ExecutionDoesNotExist", Type: "ExecutionDoesNotExist"}},
		{"InvalidArn", func(api api) error {
			_, err := api.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String("not-an-arn")}, withoutValidation)
			return err
		}, apiError{Code: "InvalidArn", Type: "InvalidArn"}},
		{"missing member is ValidationException with a reason", func(api api) error {
			_, err := api.StopExecution(ctx, &sfn.StopExecutionInput{}, withoutValidation)
			return err
		}, apiError{Code: "ValidationException", Type: "ValidationException", Reason: types.ValidationExceptionReasonMissingRequiredParameter}},
		// DescribeExecution does not model ValidationException, so the SDK
		// returns a generic error with its code and message.
		{"unmodelled code reaches the SDK generically", func(api api) error {
			_, err := api.DescribeExecution(ctx, &sfn.DescribeExecutionInput{}, withoutValidation)
			return err
		}, apiError{Code: "ValidationException", Type: "*smithy.GenericAPIError"}},
		{"ValidationException without a reason", func(api api) error {
			_, err := api.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: sm, StatusFilter: "SLEEPING"}, withoutValidation)
			return err
		}, apiError{Code: "ValidationException", Type: "ValidationException"}},
		{"ExecutionAlreadyExists", func(api api) error {
			_, err := api.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm, Name: aws.String("dup"), Input: aws.String(`{"a":1}`)}, withoutValidation)
			if err == nil {
				_, err = api.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm, Name: aws.String("dup"), Input: aws.String(`{"a":2}`)}, withoutValidation)
			}
			return err
		}, apiError{Code: "ExecutionAlreadyExists", Type: "ExecutionAlreadyExists"}},
		{"InvalidToken", func(api api) error {
			_, err := api.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String("bogus"), Output: aws.String("{}")}, withoutValidation)
			return err
		}, apiError{Code: "InvalidToken", Type: "InvalidToken"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Not parallel: the ExecutionAlreadyExists case starts executions.
			engineErr := tt.call(f.e)
			httpErr := tt.call(f.client)
			diffAPIErrors(t, tt.name, engineErr, httpErr)
			got := asAPIError(httpErr)
			if got.Code != tt.want.Code || got.Type != tt.want.Type || got.Reason != tt.want.Reason || got.Message == "" {
				t.Errorf("%s over HTTP = %+v, want code %s, type %s, reason %q and a message", tt.name, got, tt.want.Code, tt.want.Type, tt.want.Reason)
			}
		})
	}
}

func TestOperations(t *testing.T) {
	t.Parallel()
	ops := sfnhttp.Operations(sfnmem.New())
	for _, want := range []string{"CreateStateMachine", "DeleteStateMachine", "DescribeExecution", "GetExecutionHistory",
		"ListExecutions", "SendTaskSuccess", "StartExecution", "StopExecution"} {
		if !slices.Contains(ops, want) {
			t.Errorf("Operations() = %v, missing %s", ops, want)
		}
	}
	if slices.Contains(ops, "HandleTask") {
		t.Errorf("Operations() = %v, includes HandleTask", ops)
	}
	if !slices.IsSorted(ops) {
		t.Errorf("Operations() = %v, not sorted", ops)
	}
}
