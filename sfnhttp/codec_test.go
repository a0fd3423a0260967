package sfnhttp

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// doerFunc adapts a function to sfn.HTTPClient.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// fill sets every wire member of v, recursively, to a distinct non-zero
// value: strings name their field, lists and maps hold one element.
func fill(v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), name)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Date(2024, 1, 2, 3, 4, 5, 123e6, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); serialized(f) {
				fill(v.Field(i), f.Name)
			}
		}
	case reflect.String:
		v.SetString("v-" + name)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(0.5)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), name)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		e := reflect.New(v.Type().Elem()).Elem()
		fill(e, name)
		m.SetMapIndex(reflect.ValueOf("k-"+name).Convert(v.Type().Key()), e)
		v.Set(m)
	default:
		panic(fmt.Sprintf("fill: unsupported %s", v.Type()))
	}
}

// TestCodecMatchesSDK proves the wire names and encodings against the
// SDK itself, for every operation of sfn.Client: a fully populated input,
// serialized by the SDK, must decode to itself here, and a fully populated
// output, encoded here, must deserialize to itself in the SDK.
func TestCodecMatchesSDK(t *testing.T) {
	t.Parallel()
	client := reflect.TypeFor[*sfn.Client]()
	ops := operations(client)
	if len(ops) < 37 {
		t.Fatalf("found %d sfn.Client operations, want at least 37", len(ops))
	}
	for name, m := range ops {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			in := reflect.New(m.Type.In(2).Elem())
			fill(in.Elem(), "")
			out := reflect.New(m.Type.Out(0).Elem())
			fill(out.Elem(), "")
			gotIn := reflect.New(m.Type.In(2).Elem())
			doer := func(r *http.Request) (*http.Response, error) {
				if got, want := r.Header.Get("X-Amz-Target"), TargetPrefix+name; got != want {
					t.Errorf("X-Amz-Target = %q, want %q", got, want)
				}
				body, err := io.ReadAll(r.Body)
				if err != nil {
					return nil, err
				}
				if err := decodeBody(body, gotIn); err != nil {
					t.Errorf("decodeBody(%s) = %v", body, err)
				}
				return &http.Response{
					StatusCode: http.StatusOK,
					Header:     http.Header{"Content-Type": {"application/x-amz-json-1.0"}},
					Body:       io.NopCloser(bytes.NewReader(encodeBody(out))),
					Request:    r,
				}, nil
			}
			c := sfn.New(sfn.Options{
				Region: "us-east-1", BaseEndpoint: aws.String("http://sfn.test"),
				Credentials: aws.AnonymousCredentials{}, HTTPClient: doerFunc(doer), Retryer: aws.NopRetryer{},
			})
			res := m.Func.Call([]reflect.Value{reflect.ValueOf(c), reflect.ValueOf(context.Background()), in})
			if err, _ := res[1].Interface().(error); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if diff := cmp.Diff(in.Interface(), gotIn.Interface(), sdkcmp.Options); diff != "" {
				t.Errorf("input through the SDK serializer (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(out.Interface(), res[0].Interface(), sdkcmp.Options); diff != "" {
				t.Errorf("output through the SDK deserializer (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAppendTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2024, 1, 2, 3, 4, 5, 123e6, time.UTC), "1704164645.123"},
		{time.Date(2024, 1, 2, 3, 4, 5, 120e6, time.UTC), "1704164645.12"},
		{time.Date(2024, 1, 2, 3, 4, 5, 1e6, time.UTC), "1704164645.001"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "1704164645"},
		{time.Date(2024, 1, 2, 3, 4, 5, 999_999_999, time.UTC), "1704164645.999"}, // truncated to ms
		{time.Unix(0, -500e6), "-0.5"},
		{time.Unix(-2, 0), "-2"},
	}
	for _, tt := range tests {
		if got := string(appendTime(nil, tt.t)); got != tt.want {
			t.Errorf("appendTime(%v) = %s, want %s", tt.t, got, tt.want)
		}
	}
}

func TestAppendFloatAndString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"float32 fraction", string(appendFloat(nil, float64(float32(12.5)), 32)), "12.5"},
		{"float32 shortest", string(appendFloat(nil, float64(float32(0.1)), 32)), "0.1"},
		{"large uses exponent", string(appendFloat(nil, 1e22, 64)), "1e+22"},
		{"NaN", string(appendFloat(nil, math.NaN(), 64)), `"NaN"`},
		{"-Inf", string(appendFloat(nil, math.Inf(-1), 64)), `"-Infinity"`},
		{"escapes", string(appendString(nil, "a\"b\\c\n\t\x01<&>\u2028é")), `"a\"b\\c\n\t\u0001<&>\u2028é"`},
		{"invalid utf8", string(appendString(nil, "a\xffb")), `"a\ufffdb"`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestDecodeBody(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    *sfn.GetExecutionHistoryInput
		wantErr string // substring; "" means success
	}{
		{"empty body means {}", "", &sfn.GetExecutionHistoryInput{}, ""},
		{"whitespace body", " \n", &sfn.GetExecutionHistoryInput{}, ""},
		{"all members", `{"executionArn":"a","maxResults":5,"reverseOrder":true,"nextToken":"n","includeExecutionData":false}`,
			&sfn.GetExecutionHistoryInput{ExecutionArn: aws.String("a"), MaxResults: 5, ReverseOrder: true, NextToken: aws.String("n"), IncludeExecutionData: aws.Bool(false)}, ""},
		{"null is missing", `{"executionArn":null,"maxResults":null}`, &sfn.GetExecutionHistoryInput{}, ""},
		{"unknown members ignored", `{"executionArn":"a","future":{"x":[1]}}`, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String("a")}, ""},
		{"integral float accepted", `{"maxResults":1e2}`, &sfn.GetExecutionHistoryInput{MaxResults: 100}, ""},
		{"not an object", `[]`, nil, "must be a JSON object"},
		{"malformed", `{"executionArn":`, nil, "malformed JSON"},
		{"trailing data", `{} {}`, nil, "data after"},
		{"string for number", `{"maxResults":"5"}`, nil, "maxResults: expected an integer"},
		{"fraction for integer", `{"maxResults":1.5}`, nil, "maxResults: expected an integer"},
		{"int32 overflow", `{"maxResults":2147483648}`, nil, "maxResults: expected an integer in range"},
		{"number for string", `{"executionArn":5}`, nil, "executionArn: expected a string"},
		{"string for bool", `{"reverseOrder":"true"}`, nil, "reverseOrder: expected a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := &sfn.GetExecutionHistoryInput{}
			err := decodeBody([]byte(tt.body), reflect.ValueOf(got))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("decodeBody(%s) = %v, want error containing %q", tt.body, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("decodeBody(%s) = %v", tt.body, err)
			}
			if diff := cmp.Diff(tt.want, got, sdkcmp.Options); diff != "" {
				t.Errorf("decodeBody(%s) (-want +got):\n%s", tt.body, diff)
			}
		})
	}
}

func TestDecodeNested(t *testing.T) {
	t.Parallel()
	body := `{"name":"m","definition":"{}","roleArn":"r","type":"EXPRESS",
		"loggingConfiguration":{"level":"ALL","includeExecutionData":true,"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"g"}}]},
		"tags":[{"key":"k","value":"v"}],"publish":true}`
	got := &sfn.CreateStateMachineInput{}
	if err := decodeBody([]byte(body), reflect.ValueOf(got)); err != nil {
		t.Fatal(err)
	}
	want := `{"definition":"{}","name":"m","roleArn":"r","loggingConfiguration":{"destinations":[{"cloudWatchLogsLogGroup":{"logGroupArn":"g"}}],"includeExecutionData":true,"level":"ALL"},"publish":true,"tags":[{"key":"k","value":"v"}],"type":"EXPRESS"}`
	if diff := cmp.Diff(want, string(encodeBody(reflect.ValueOf(got)))); diff != "" {
		t.Errorf("decode then encode (-want +got):\n%s", diff)
	}
}

func TestEncodeOmits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil output", (*sfn.ListExecutionsOutput)(nil), `{}`},
		{"required list sent empty", &sfn.ListExecutionsOutput{}, `{"executions":[]}`},
		{"optional list left out", &sfn.ListTagsForResourceOutput{}, `{}`},
		{"counters and booleans always sent", &sfn.DescribeMapRunOutput{},
			`{"maxConcurrency":0,"toleratedFailureCount":0,"toleratedFailurePercentage":0}`},
		{"nil counters left out", &types.MapRunExecutionCounts{}, `{"aborted":0,"failed":0,"pending":0,"resultsWritten":0,"running":0,"succeeded":0,"timedOut":0,"total":0}`},
		{"empty enum left out, false kept", &types.HistoryEventExecutionDataDetails{}, `{"truncated":false}`},
	}
	for _, tt := range tests {
		if got := string(encodeBody(reflect.ValueOf(tt.v))); got != tt.want {
			t.Errorf("%s: encodeBody = %s, want %s", tt.name, got, tt.want)
		}
	}
}
