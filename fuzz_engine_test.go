package sfnmem_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
)

// The engine fuzz targets feed hostile input to the API: nothing may panic,
// and every error must be an SDK error wrapped as the real client wraps it.
//
// Targets whose calls change the engine (creating, starting, redriving,
// completing tasks) build a fresh engine for each input: New is cheap, the
// engine's memory stays bounded over millions of inputs, and a crasher
// reproduces on its own. Targets that only read (listing, paging) share one
// engine built before f.Fuzz.

// wantTypedError fails unless err is nil or an SDK error (smithy.APIError)
// wrapped in a *smithy.OperationError.
func wantTypedError(t *testing.T, call string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var api smithy.APIError
	var op *smithy.OperationError
	if !errors.As(err, &api) || !errors.As(err, &op) {
		t.Fatalf("%s: error %T %q is not an SDK error wrapped in *smithy.OperationError", call, err, err)
	}
	if api.ErrorCode() == "" {
		t.Fatalf("%s: error %q has no error code", call, err)
	}
}

// fuzzEngine returns an engine on a fake clock at t0 with a small history
// limit, so that looping definitions end quickly.
func fuzzEngine() (*sfnmem.Engine, *clock.Fake) {
	clk := clock.NewFake(t0)
	return sfnmem.New(sfnmem.WithClock(clk), sfnmem.WithHistoryLimit(300)), clk
}

func fuzzCreate(t *testing.T, e *sfnmem.Engine, name, def string) string {
	t.Helper()
	out, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(role)})
	if err != nil {
		t.Fatalf("CreateStateMachine(%s) = %v", name, err)
	}
	return aws.ToString(out.StateMachineArn)
}

// FuzzCreateStateMachine creates a machine from arbitrary definition text and
// name; when it is accepted, it runs an execution of it to the end (task
// handlers answer with their input; the clock moves a year) and checks the
// invariants of the history it wrote.
func FuzzCreateStateMachine(f *testing.F) {
	seeds := []struct {
		name, def string
		express   bool
	}{
		{"m", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, false},
		{"m", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A"}}}`, false},
		{"m", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"W"}}}`, false},
		{"m", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
			"TimeoutSeconds":5,"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3,"BackoffRate":1.5,"JitterStrategy":"FULL"}],
			"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"F"}],"End":true},
			"F":{"Type":"Fail","ErrorPath":"$.err.Error","CausePath":"States.Format('{}', $.err.Cause)"}}}`, false},
		{"m", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
			"Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"p.$":"$.Payload"},"End":true}}}`, false},
		{"m", `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
			{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},
			{"StartAt":"B","States":{"B":{"Type":"Wait","Seconds":3,"End":true}}}],"ResultPath":"$.r","Next":"C"},
			"C":{"Type":"Choice","Choices":[{"Variable":"$.r[0]","NumericEquals":1,"Next":"S"}],"Default":"S"},
			"S":{"Type":"Succeed"}}}`, false},
		{"m", `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
			"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`, false},
		{"m", `{"StartAt":"M","States":{"M":{"Type":"Map","Iterator":{"StartAt":"I","States":{"I":{"Type":"Fail"}}},"End":true}}}`, false},
		{"m", `{"StartAt":"U","States":{"U":{"Type":"Pass","Parameters":{"u.$":"States.UUID()","r.$":"States.MathRandom(1, 9)",
			"h.$":"States.Hash($$.Execution.Name, 'SHA-256')","a.$":"States.ArrayRange(1, 9, 2)"},"End":true}}}`, false},
		{"m", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, true},
		{"m", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input %}","End":true}}}`, false},
		{"", `{}`, false},
		{"a/b", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, false},
		{"n\u0000", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, false},
		{"m", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}`, false},
		{"m", `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`, false},
		{"m", "\xff\xfe", false},
	}
	for _, s := range seeds {
		f.Add(s.name, s.def, s.express)
	}
	f.Fuzz(func(t *testing.T, name, def string, express bool) {
		e, clk := fuzzEngine()
		ctx := context.Background()
		echo := func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) { return in.Input, nil }
		e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f", echo)
		in := &sfn.CreateStateMachineInput{Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String(role)}
		if express {
			in.Type = types.StateMachineTypeExpress
		}
		out, err := e.CreateStateMachine(ctx, in)
		wantTypedError(t, "CreateStateMachine", err)
		if err != nil {
			return
		}
		sm := out.StateMachineArn
		d, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: sm})
		if err != nil || aws.ToString(d.Definition) != def || aws.ToString(d.Name) != name {
			t.Fatalf("DescribeStateMachine after create = %+v, %v; want the definition and name given", d, err)
		}
		if express {
			return
		}
		x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm, Input: aws.String(`{"items":[1,2,3]}`)})
		wantTypedError(t, "StartExecution", err)
		if err != nil {
			return
		}
		clk.Advance(365 * 24 * time.Hour)
		if err := checkExecution(e, aws.ToString(x.ExecutionArn)); err != nil {
			t.Fatal(err)
		}
		_, err = e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: x.ExecutionArn})
		wantTypedError(t, "RedriveExecution", err)
		_, err = e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: sm})
		wantTypedError(t, "DeleteStateMachine", err)
	})
}

// fuzzSmallMachine reshapes its input, branches on it, calls a task and
// succeeds: input of the wrong shape fails it with States.Runtime.
const fuzzSmallMachine = `{"StartAt":"P","States":{
	"P":{"Type":"Pass","Parameters":{"in.$":"$","s.$":"States.JsonToString($)","name.$":"$$.Execution.Name"},"ResultPath":"$.p","Next":"C"},
	"C":{"Type":"Choice","Choices":[
	  {"Variable":"$.n","IsPresent":true,"Next":"N"},
	  {"Variable":"$.p.in.s","StringMatches":"*x*","Next":"T"}],"Default":"T"},
	"N":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"F"}],"Default":"T"},
	"F":{"Type":"Fail","Error":"Too.Big"},
	"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","InputPath":"$.p","OutputPath":"$.in","End":true}}}`

// FuzzStartExecution starts an execution with arbitrary input text and name
// on a small machine; starting it twice must be idempotent or refused.
func FuzzStartExecution(f *testing.F) {
	for _, s := range []struct{ name, input string }{
		{"x", `{}`}, {"x", `{"n": 11}`}, {"x", `{"n": "eleven"}`}, {"x", `{"s": "axb"}`},
		{"x", `[]`}, {"x", `"scalar"`}, {"x", `null`}, {"x", `1e999`}, {"x", `{"a":{"b":{"c":{"d":[[[[[[[]]]]]]]}}}}`},
		{"", `{}`}, {"x", ``}, {"x", `{`}, {"x", "\"\xff\""}, {"has space", `{}`}, {"arn:aws", `{}`},
		{"0123456789012345678901234567890123456789012345678901234567890123456789012345678901", `{}`},
	} {
		f.Add(s.name, s.input)
	}
	f.Fuzz(func(t *testing.T, name, input string) {
		e, _ := fuzzEngine()
		e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f",
			func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) { return in.Input, nil })
		sm := fuzzCreate(t, e, "small", fuzzSmallMachine)
		ctx := context.Background()
		in := &sfn.StartExecutionInput{StateMachineArn: aws.String(sm), Name: aws.String(name), Input: aws.String(input)}
		out, err := e.StartExecution(ctx, in)
		wantTypedError(t, "StartExecution", err)
		if err != nil {
			return
		}
		if err := checkExecution(e, aws.ToString(out.ExecutionArn)); err != nil {
			t.Fatal(err)
		}
		_, err = e.StartExecution(ctx, in)
		wantTypedError(t, "StartExecution again", err)
	})
}

// fuzzFixture is a machine with executions of several statuses, shared by
// the read-only fuzz targets.
type fuzzFixture struct {
	e     *sfnmem.Engine
	sm    string
	execs []string
}

func newFuzzFixture(f *testing.F) fuzzFixture {
	e, clk := fuzzEngine()
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f",
		func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) { return in.Input, nil })
	const def = `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":2,"Next":"F"}],"Default":"T"},
		"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true},
		"F":{"Type":"Fail","Error":"Too.Big"}}}`
	ctx := context.Background()
	out, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("list"), Definition: aws.String(def), RoleArn: aws.String(role)})
	if err != nil {
		f.Fatal(err)
	}
	fx := fuzzFixture{e: e, sm: aws.ToString(out.StateMachineArn)}
	for n := range 6 {
		x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: out.StateMachineArn,
			Name: aws.String(fmt.Sprintf("x%d", n)), Input: aws.String(fmt.Sprintf(`{"n":%d}`, n))})
		if err != nil {
			f.Fatal(err)
		}
		fx.execs = append(fx.execs, aws.ToString(x.ExecutionArn))
		if n == 5 {
			break // leave the last one RUNNING
		}
		clk.Advance(time.Minute)
	}
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: aws.String(fx.execs[3])}); err != nil {
		f.Fatal(err)
	}
	if _, err := e.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(fx.execs[5])}); err != nil {
		f.Fatal(err)
	}
	x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: out.StateMachineArn, Name: aws.String("running")})
	if err != nil {
		f.Fatal(err)
	}
	fx.execs = append(fx.execs, aws.ToString(x.ExecutionArn))
	return fx
}

// FuzzListExecutionsToken lists executions with arbitrary nextToken,
// maxResults, filters and ARNs: only typed errors, and a page is never
// longer than asked.
func FuzzListExecutionsToken(f *testing.F) {
	fx := newFuzzFixture(f)
	ctx := context.Background()
	first, err := fx.e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: aws.String(fx.sm), MaxResults: 2})
	if err != nil || first.NextToken == nil {
		f.Fatalf("ListExecutions = %+v, %v; want a next page", first, err)
	}
	mapRun := "arn:aws:states:us-east-1:123456789012:mapRun:list/m:1"
	for _, s := range []struct {
		arn, token     string
		max            int32
		status, redriv string
	}{
		{fx.sm, "", 0, "", ""},
		{fx.sm, *first.NextToken, 2, "", ""},
		{fx.sm, *first.NextToken, 1000, "FAILED", ""},
		{fx.sm, *first.NextToken, 1, "", "REDRIVEN"},
		{fx.sm, "", 1, "RUNNING", "NOT_REDRIVEN"},
		{fx.sm, "", 1001, "", ""},
		{fx.sm, "", -1, "", ""},
		{fx.sm, "garbage", 0, "", ""},
		{fx.sm, "", 0, "PENDING_REDRIVE", ""},
		{fx.sm, "", 0, "running", "redriven"},
		{mapRun, "", 0, "PENDING_REDRIVE", ""},
		{"", "", 0, "", ""},
		{"arn:aws:states:us-east-1:123456789012:stateMachine:list:1", "", 0, "", ""},
		{"arn:aws:states:us-east-1:123456789012:stateMachine:list:alias", "", 0, "", ""},
		{"arn:aws:states:us-east-1:123456789012:execution:list:x0", "", 0, "", ""},
		{"arn:aws:states:us-east-1:123456789012:stateMachine:nope", "", 0, "", ""},
		{"arn:::::", "", 0, "", ""},
	} {
		f.Add(s.arn, s.token, s.max, s.status, s.redriv)
	}
	f.Fuzz(func(t *testing.T, arn, token string, maxResults int32, status, redriveFilter string) {
		in := &sfn.ListExecutionsInput{MaxResults: maxResults,
			StatusFilter: types.ExecutionStatus(status), RedriveFilter: types.ExecutionRedriveFilter(redriveFilter)}
		switch {
		case arn == "":
		case strings.Contains(arn, ":mapRun:"):
			in.MapRunArn = aws.String(arn)
		default:
			in.StateMachineArn = aws.String(arn)
		}
		if token != "" {
			in.NextToken = aws.String(token)
		}
		out, err := fx.e.ListExecutions(ctx, in)
		wantTypedError(t, "ListExecutions", err)
		if err != nil {
			return
		}
		limit := int(maxResults)
		if limit == 0 {
			limit = 100
		}
		if len(out.Executions) > limit {
			t.Fatalf("ListExecutions(maxResults %d) returned %d executions", maxResults, len(out.Executions))
		}
		if out.NextToken != nil {
			in.NextToken = out.NextToken
			_, err := fx.e.ListExecutions(ctx, in)
			if err != nil {
				t.Fatalf("ListExecutions with the nextToken it returned = %v", err)
			}
		}
	})
}

// FuzzGetExecutionHistoryToken pages a history with arbitrary nextToken,
// maxResults, direction and execution ARN: only typed errors, and a page is
// never longer than asked.
func FuzzGetExecutionHistoryToken(f *testing.F) {
	fx := newFuzzFixture(f)
	ctx := context.Background()
	arn := fx.execs[3] // failed, redriven, failed again: the longest history
	fwd, err := fx.e.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn), MaxResults: 2})
	if err != nil || fwd.NextToken == nil {
		f.Fatalf("GetExecutionHistory = %+v, %v; want a next page", fwd, err)
	}
	rev, err := fx.e.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn), MaxResults: 2, ReverseOrder: true})
	if err != nil || rev.NextToken == nil {
		f.Fatalf("GetExecutionHistory(reverse) = %+v, %v; want a next page", rev, err)
	}
	for _, s := range []struct {
		arn, token string
		max        int32
		reverse    bool
	}{
		{arn, "", 0, false},
		{arn, *fwd.NextToken, 2, false},
		{arn, *fwd.NextToken, 2, true},
		{arn, *rev.NextToken, 1000, true},
		{arn, *rev.NextToken, 1, false},
		{fx.execs[0], *fwd.NextToken, 0, false},
		{arn, "garbage", 0, false},
		{arn, "", 1001, false},
		{arn, "", -5, true},
		{"arn:aws:states:us-east-1:123456789012:express:list:x0:1", "", 0, false},
		{"arn:aws:states:us-east-1:123456789012:execution:list:nope", "", 0, false},
		{"", "", 0, false},
	} {
		f.Add(s.arn, s.token, s.max, s.reverse)
	}
	f.Fuzz(func(t *testing.T, arn, token string, maxResults int32, reverse bool) {
		in := &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn), MaxResults: maxResults, ReverseOrder: reverse}
		if token != "" {
			in.NextToken = aws.String(token)
		}
		out, err := fx.e.GetExecutionHistory(ctx, in)
		wantTypedError(t, "GetExecutionHistory", err)
		if err != nil {
			return
		}
		limit := int(maxResults)
		if limit == 0 {
			limit = 100
		}
		if len(out.Events) > limit {
			t.Fatalf("GetExecutionHistory(maxResults %d) returned %d events", maxResults, len(out.Events))
		}
	})
}

// fuzzFailingMachine fails its task the first time and succeeds once
// redriven.
const fuzzFailingMachine = `{"StartAt":"T","States":{
	"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}`

// FuzzRedriveClientToken redrives a failed execution with an arbitrary
// clientToken (and ARN), twice: only typed errors, and a second redrive with
// the same token is idempotent.
func FuzzRedriveClientToken(f *testing.F) {
	for _, s := range []struct {
		token, arn string
		noToken    bool
	}{
		{"tok", "", false}, {"", "", true}, {"", "", false}, {"has space", "", false},
		{"0123456789012345678901234567890123456789012345678901234567890123", "", false},
		{"01234567890123456789012345678901234567890123456789012345678901234", "", false},
		{"é", "", false}, {"~!", "", false}, {"tok", "arn:aws:states:us-east-1:123456789012:execution:redrive:nope", false},
		{"tok", "arn:aws:states:us-east-1:123456789012:stateMachine:redrive", false}, {"tok", "arn", false},
	} {
		f.Add(s.token, s.arn, s.noToken)
	}
	f.Fuzz(func(t *testing.T, token, arn string, noToken bool) {
		e, clk := fuzzEngine()
		e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f", func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
			if in.RedriveCount == 0 {
				return nil, &sfnmem.TaskFailure{ErrorName: "Boom"}
			}
			return json.RawMessage(`{}`), nil
		})
		sm := fuzzCreate(t, e, "redrive", fuzzFailingMachine)
		ctx := context.Background()
		x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm), Name: aws.String("x")})
		if err != nil {
			t.Fatal(err)
		}
		if arn == "" {
			arn = aws.ToString(x.ExecutionArn)
		}
		in := &sfn.RedriveExecutionInput{ExecutionArn: aws.String(arn)}
		if !noToken {
			in.ClientToken = aws.String(token)
		}
		clk.Advance(time.Minute)
		first, err := e.RedriveExecution(ctx, in)
		wantTypedError(t, "RedriveExecution", err)
		if err != nil {
			return
		}
		clk.Advance(time.Minute)
		again, err := e.RedriveExecution(ctx, in)
		wantTypedError(t, "RedriveExecution again", err)
		if !noToken && (err != nil || !again.RedriveDate.Equal(*first.RedriveDate)) {
			t.Fatalf("RedriveExecution again with clientToken %q = %+v, %v; want the first redriveDate %v", token, again, err, first.RedriveDate)
		}
		if err := checkExecution(e, arn); err != nil {
			t.Fatal(err)
		}
	})
}

// fuzzCallbackMachine waits for a task token, then succeeds; SendTaskFailure
// is caught.
const fuzzCallbackMachine = `{"StartAt":"Ask","States":{
	"Ask":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":60,
	  "Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/q","MessageBody":{"token.$":"$$.Task.Token"}},
	  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
	"Caught":{"Type":"Pass","End":true}}}`

// FuzzSendTaskToken completes a callback task with an arbitrary token (or
// the real one, with arbitrary output, error and cause) through
// SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat: only typed errors,
// and the history stays valid.
func FuzzSendTaskToken(f *testing.F) {
	for _, s := range []struct {
		token, output, errName, cause string
		real                          bool
		which                         uint8
	}{
		{"", `{"ok":true}`, "", "", true, 0},
		{"", `{"ok":true}`, "", "", true, 1},
		{"", `{"ok":true}`, "", "", true, 2},
		{"", `not json`, "", "", true, 0},
		{"", `[1,2,3]`, "", "", true, 0},
		{"", "", "Custom.Error", "because", true, 1},
		{"", "", "", "", false, 0},
		{"AQBnope", `{}`, "", "", false, 0},
		{"AQBnope", `{}`, "", "", false, 1},
		{"AQBnope", `{}`, "", "", false, 2},
	} {
		f.Add(s.token, s.output, s.errName, s.cause, s.real, s.which)
	}
	f.Fuzz(func(t *testing.T, token, output, errName, cause string, real bool, which uint8) {
		e, clk := fuzzEngine()
		var issued string
		e.HandleTask("arn:aws:states:::sqs:sendMessage.waitForTaskToken", func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
			issued = in.TaskToken
			return nil, sfnmem.ErrTaskPending
		})
		sm := fuzzCreate(t, e, "callback", fuzzCallbackMachine)
		ctx := context.Background()
		x, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm), Name: aws.String("x")})
		if err != nil {
			t.Fatal(err)
		}
		if real {
			token = issued
		}
		for range 2 { // the second call finds the task closed, or still open after a heartbeat
			switch which % 3 {
			case 0:
				_, err = e.SendTaskSuccess(ctx, &sfn.SendTaskSuccessInput{TaskToken: aws.String(token), Output: aws.String(output)})
			case 1:
				_, err = e.SendTaskFailure(ctx, &sfn.SendTaskFailureInput{TaskToken: aws.String(token), Error: aws.String(errName), Cause: aws.String(cause)})
			case 2:
				_, err = e.SendTaskHeartbeat(ctx, &sfn.SendTaskHeartbeatInput{TaskToken: aws.String(token)})
			}
			wantTypedError(t, "SendTask", err)
		}
		clk.Advance(time.Hour)
		if err := checkExecution(e, aws.ToString(x.ExecutionArn)); err != nil {
			t.Fatal(err)
		}
	})
}
