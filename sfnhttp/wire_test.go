package sfnhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/internal/golden"
	"github.com/sfnmem/sfnmem/sfnhttp"
)

// exchange is one raw request and what came back.
type exchange struct {
	status int
	header http.Header
	body   string
}

// post sends a raw request to h, as a client in any language might.
func post(t *testing.T, h http.Handler, method, path string, header map[string]string, body string) exchange {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return exchange{w.Code, w.Header(), w.Body.String()}
}

// target returns the headers the SDK sends for op.
func target(op string) map[string]string {
	return map[string]string{"X-Amz-Target": "AWSStepFunctions." + op, "Content-Type": "application/x-amz-json-1.0"}
}

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestWire(t *testing.T) {
	t.Parallel()
	h := sfnhttp.NewHandler(sfnmem.New(sfnmem.WithClock(clock.NewFake(t0))))
	signed := target("ListStateMachines")
	signed["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKID/20240102/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date, Signature=00"
	signed["X-Amz-Date"] = "20240102T030405Z"
	tests := []struct {
		name       string
		method     string
		path       string
		header     map[string]string
		body       string
		wantStatus int
		wantType   string // X-Amzn-Errortype and __type suffix; "" for success
		wantBody   string // exact body when set
	}{
		{"empty body means {}", "POST", "/", target("ListStateMachines"), "", 200, "", `{"stateMachines":[]}`},
		{"json 1.1 accepted", "POST", "/", map[string]string{"X-Amz-Target": "AWSStepFunctions.ListStateMachines", "Content-Type": "application/x-amz-json-1.1"}, "{}", 200, "", `{"stateMachines":[]}`},
		{"content type parameters accepted", "POST", "/", map[string]string{"X-Amz-Target": "AWSStepFunctions.ListStateMachines", "Content-Type": "application/x-amz-json-1.0; charset=utf-8"}, "{}", 200, "", ""},
		{"signature headers accepted, not checked", "POST", "/", signed, "{}", 200, "", ""},
		{"GET is 405", "GET", "/", target("ListStateMachines"), "", 405, "UnknownOperationException", ""},
		{"other path is 404", "POST", "/v1", target("ListStateMachines"), "{}", 404, "UnknownOperationException", ""},
		{"missing target", "POST", "/", map[string]string{"Content-Type": "application/x-amz-json-1.0"}, "{}", 400, "UnknownOperationException", ""},
		{"unknown operation", "POST", "/", target("BakeCake"), "{}", 400, "UnknownOperationException", ""},
		{"wrong target prefix", "POST", "/", map[string]string{"X-Amz-Target": "AmazonSQS.ListStateMachines", "Content-Type": "application/x-amz-json-1.0"}, "{}", 400, "UnknownOperationException", ""},
		{"non-API engine method is not an operation", "POST", "/", target("HandleTask"), "{}", 400, "UnknownOperationException", ""},
		{"wrong content type", "POST", "/", map[string]string{"X-Amz-Target": "AWSStepFunctions.ListStateMachines", "Content-Type": "application/json"}, "{}", 400, "UnknownOperationException", ""},
		{"malformed JSON", "POST", "/", target("ListStateMachines"), `{"maxResults":`, 400, "SerializationException", ""},
		{"body too large", "POST", "/", target("ListStateMachines"), `{"nextToken":"` + strings.Repeat("x", sfnhttp.MaxBodyBytes) + `"}`, 400, "SerializationException", ""},
		{"wrong member type", "POST", "/", target("ListStateMachines"), `{"maxResults":"ten"}`, 400, "SerializationException",
			`{"__type":"com.amazonaws.sfn#SerializationException","message":"maxResults: expected an integer"}`},
		{"engine error keeps code, message and reason", "POST", "/", target("StopExecution"), `{}`, 400, "ValidationException",
			`{"__type":"com.amazonaws.sfn#ValidationException","message":"1 validation error detected: Value null at 'executionArn' failed to satisfy constraint: Member must not be null","reason":"MISSING_REQUIRED_PARAMETER"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := post(t, h, tt.method, tt.path, tt.header, tt.body)
			if got.status != tt.wantStatus {
				t.Errorf("status = %d, want %d (body %s)", got.status, tt.wantStatus, got.body)
			}
			if ct := got.header.Get("Content-Type"); ct != "application/x-amz-json-1.0" {
				t.Errorf("Content-Type = %q, want application/x-amz-json-1.0", ct)
			}
			if id := got.header.Get("X-Amzn-Requestid"); !uuidPattern.MatchString(id) {
				t.Errorf("X-Amzn-Requestid = %q, want a version-4 UUID", id)
			}
			if et := got.header.Get("X-Amzn-Errortype"); et != tt.wantType {
				t.Errorf("X-Amzn-Errortype = %q, want %q", et, tt.wantType)
			}
			var body struct {
				Type    string `json:"__type"`
				Message *string
			}
			if err := json.Unmarshal([]byte(got.body), &body); err != nil {
				t.Fatalf("body %q is not JSON: %v", got.body, err)
			}
			if tt.wantType != "" && (body.Type != "com.amazonaws.sfn#"+tt.wantType || body.Message == nil) {
				t.Errorf("body = %s, want __type com.amazonaws.sfn#%s and a message", got.body, tt.wantType)
			}
			if tt.wantBody != "" && got.body != tt.wantBody {
				t.Errorf("body = %s, want %s", got.body, tt.wantBody)
			}
		})
	}
}

func TestRequestIDsAreUnique(t *testing.T) {
	t.Parallel()
	h := sfnhttp.NewHandler(sfnmem.New(sfnmem.WithClock(clock.NewFake(t0))))
	a := post(t, h, "POST", "/", target("ListStateMachines"), "{}").header.Get("X-Amzn-Requestid")
	b := post(t, h, "POST", "/", target("ListStateMachines"), "{}").header.Get("X-Amzn-Requestid")
	if a == b {
		t.Errorf("two requests share the id %s", a)
	}
}

// A failure that is not an API error, such as the request's context ending,
// is a 500 InternalFailure.
func TestInternalFailure(t *testing.T) {
	t.Parallel()
	h := sfnhttp.NewHandler(sfnmem.New(sfnmem.WithClock(clock.NewFake(t0))))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, "POST", "/", strings.NewReader(`{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:x"}`))
	for k, v := range target("DescribeExecution") {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	want := `{"__type":"com.amazonaws.sfn#InternalFailure","message":"context canceled"}`
	if w.Code != http.StatusInternalServerError || w.Body.String() != want {
		t.Errorf("cancelled DescribeExecution = %d %s, want 500 %s", w.Code, w.Body, want)
	}
}

// TestGoldenBodies pins whole response bodies, byte for byte (indented
// here for review), for a workflow on a fake clock.
func TestGoldenBodies(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	sm, err := f.e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("orders"), Definition: aws.String(definition), RoleArn: aws.String(role)})
	if err != nil {
		t.Fatal(err)
	}
	f.clk.Advance(1234 * time.Millisecond)
	x, err := f.e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String("ok"), Input: aws.String(`{"amount":1}`)})
	if err != nil {
		t.Fatal(err)
	}
	arn := aws.ToString(x.ExecutionArn)
	h := sfnhttp.NewHandler(f.e)
	tests := []struct {
		name, op, body string
	}{
		{"describe_execution", "DescribeExecution", `{"executionArn":"` + arn + `"}`},
		{"get_execution_history", "GetExecutionHistory", `{"executionArn":"` + arn + `"}`},
		{"list_executions", "ListExecutions", `{"stateMachineArn":"` + aws.ToString(sm.StateMachineArn) + `"}`},
		{"describe_state_machine", "DescribeStateMachine", `{"stateMachineArn":"` + aws.ToString(sm.StateMachineArn) + `"}`},
		{"error_execution_does_not_exist", "DescribeExecution", `{"executionArn":"` + arn + `-nope"}`},
		{"error_validation_reason", "StartExecution", `{}`},
	}
	for _, tt := range tests {
		got := post(t, h, "POST", "/", target(tt.op), tt.body)
		var indented bytes.Buffer
		if err := json.Indent(&indented, []byte(got.body), "", "  "); err != nil {
			t.Fatalf("%s: body is not JSON: %v", tt.name, err)
		}
		golden.Check(t, tt.name, "HTTP "+http.StatusText(got.status)+"\n"+indented.String()+"\n")
	}
}

// FuzzHandler sends arbitrary operations and bodies: the handler must
// answer every one with a JSON body and a documented status, never panic.
func FuzzHandler(f *testing.F) {
	seeds := []struct{ op, body string }{
		{"ListStateMachines", ""},
		{"ListStateMachines", `{"maxResults":1e400}`},
		{"CreateStateMachine", `{"name":"m","definition":"{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}","roleArn":"arn:aws:iam::123456789012:role/r"}`},
		{"CreateStateMachine", `{"name":"m","definition":"{","tags":[{"key":null}],"loggingConfiguration":{"destinations":[{}]}}`},
		{"StartExecution", `{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m","input":"{}"}`},
		{"StartExecution", `{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m","input":"[","name":"\u0000"}`},
		{"DescribeExecution", `{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:x"}`},
		{"GetExecutionHistory", `{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:x","maxResults":-1,"nextToken":"\u00ff"}`},
		{"ListExecutions", `{"stateMachineArn":"arn","statusFilter":"RUNNING","redriveFilter":"REDRIVEN","nextToken":""}`},
		{"StopExecution", `{"executionArn":"a","error":"e","cause":"c"}`},
		{"SendTaskSuccess", `{"taskToken":"t","output":"{}"}`},
		{"SendTaskFailure", `{"taskToken":"t","error":1}`},
		{"RedriveExecution", `{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:x","clientToken":"c"}`},
		{"DeleteStateMachine", `{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:m"}`},
		{"DescribeStateMachine", `[1,2,3]`},
		{"Nope", `{}`},
		{"", `null`},
		{"ListExecutions", `{"maxResults":9223372036854775808}`},
	}
	for _, s := range seeds {
		f.Add(s.op, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, op string, body []byte) {
		h := sfnhttp.NewHandler(sfnmem.New(sfnmem.WithClock(clock.NewFake(t0))))
		r := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		r.Header.Set("X-Amz-Target", "AWSStepFunctions."+op)
		r.Header.Set("Content-Type", "application/x-amz-json-1.0")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200, 400, 402, 409, 500:
		default:
			t.Errorf("%s %q: status %d", op, body, w.Code)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Errorf("%s %q: response %q is not JSON", op, body, w.Body)
		}
		io.Copy(io.Discard, w.Result().Body)
	})
}
