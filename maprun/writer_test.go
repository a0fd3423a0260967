package maprun_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/maprun"
)

func TestWriteResults(t *testing.T) {
	t.Parallel()
	const child = "arn:aws:states:us-east-1:123456789012:execution:sm/lbl:"
	start := time.Date(2024, 1, 2, 3, 4, 5, 123_456_789, time.UTC)
	stop := start.Add(1500 * time.Millisecond)
	results := []maprun.Result{
		{ExecutionARN: child + "c0", Name: "c0", StateMachineARN: smARN + "/lbl", Status: types.ExecutionStatusSucceeded,
			Input: `{"i":0}`, Output: `{"o":0}`, StartDate: start, StopDate: stop,
			RedriveStatus: types.ExecutionRedriveStatusNotRedrivable, RedriveStatusReason: "Execution is SUCCEEDED and cannot be redriven"},
		{ExecutionARN: child + "c1", Name: "c1", StateMachineARN: smARN + "/lbl", Status: types.ExecutionStatusFailed,
			Input: `{"i":1}`, Error: aws.String("Boom"), Cause: aws.String("it broke"), StartDate: start, StopDate: stop,
			RedriveCount: 2, RedriveStatus: types.ExecutionRedriveStatusRedrivable},
		{ExecutionARN: child + "c2", Name: "c2", StateMachineARN: smARN + "/lbl", Status: types.ExecutionStatusTimedOut,
			Input: `{"i":2}`, Error: aws.String("States.Timeout"), StartDate: start, StopDate: stop,
			RedriveStatus: types.ExecutionRedriveStatusRedrivable},
		{Status: maprun.Pending, Input: `{"i":3}`},
	}
	objects, output, err := maprun.WriteResults("bucket", "jobs", runARN, results)
	if err != nil {
		t.Fatalf("WriteResults = %v", err)
	}
	dir := "jobs/3c39a231-69bb-3d89-8607-9e124eddbb0b/"
	decode := func(key string) any {
		t.Helper()
		body, ok := objects[key]
		if !ok {
			t.Fatalf("no object %s; have %v", key, keys(objects))
		}
		v, err := jsonv.Decode(body)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		return v
	}
	if len(objects) != 4 {
		t.Errorf("objects %v, want manifest and three result files", keys(objects))
	}
	size := func(key string) int64 { return int64(len(objects[key])) }
	wantManifest := map[string]any{
		"DestinationBucket": "bucket",
		"MapRunArn":         runARN,
		"ResultFiles": map[string]any{
			"FAILED":    []any{map[string]any{"Key": dir + "FAILED_0.json", "Size": size(dir + "FAILED_0.json")}},
			"PENDING":   []any{map[string]any{"Key": dir + "PENDING_0.json", "Size": size(dir + "PENDING_0.json")}},
			"SUCCEEDED": []any{map[string]any{"Key": dir + "SUCCEEDED_0.json", "Size": size(dir + "SUCCEEDED_0.json")}},
		},
	}
	if diff := cmp.Diff(wantManifest, decode(dir+"manifest.json")); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
	included := map[string]any{"Included": true}
	const startS, stopS = "2024-01-02T03:04:05.123Z", "2024-01-02T03:04:06.623Z"
	wantSucceeded := []any{map[string]any{
		"ExecutionArn": child + "c0", "Input": `{"i":0}`, "InputDetails": included, "Name": "c0",
		"Output": `{"o":0}`, "OutputDetails": included, "RedriveCount": int64(0), "RedriveStatus": "NOT_REDRIVABLE",
		"RedriveStatusReason": "Execution is SUCCEEDED and cannot be redriven",
		"StartDate":           startS, "StateMachineArn": smARN + "/lbl", "Status": "SUCCEEDED", "StopDate": stopS,
	}}
	if diff := cmp.Diff(wantSucceeded, decode(dir+"SUCCEEDED_0.json")); diff != "" {
		t.Errorf("SUCCEEDED_0.json (-want +got):\n%s", diff)
	}
	wantFailed := []any{
		map[string]any{
			"ExecutionArn": child + "c1", "Input": `{"i":1}`, "InputDetails": included, "Name": "c1",
			"Error": "Boom", "Cause": "it broke", "RedriveCount": int64(2), "RedriveStatus": "REDRIVABLE",
			"StartDate": startS, "StateMachineArn": smARN + "/lbl", "Status": "FAILED", "StopDate": stopS,
		},
		map[string]any{
			"ExecutionArn": child + "c2", "Input": `{"i":2}`, "InputDetails": included, "Name": "c2",
			"Error": "States.Timeout", "RedriveCount": int64(0), "RedriveStatus": "REDRIVABLE",
			"StartDate": startS, "StateMachineArn": smARN + "/lbl", "Status": "TIMED_OUT", "StopDate": stopS,
		},
	}
	if diff := cmp.Diff(wantFailed, decode(dir+"FAILED_0.json")); diff != "" {
		t.Errorf("FAILED_0.json (-want +got):\n%s", diff)
	}
	wantPending := []any{map[string]any{"Input": `{"i":3}`, "InputDetails": included, "Status": "PENDING"}}
	if diff := cmp.Diff(wantPending, decode(dir+"PENDING_0.json")); diff != "" {
		t.Errorf("PENDING_0.json (-want +got):\n%s", diff)
	}
	wantOutput := map[string]any{"MapRunArn": runARN,
		"ResultWriterDetails": map[string]any{"Bucket": "bucket", "Key": dir + "manifest.json"}}
	if diff := cmp.Diff(wantOutput, output); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

func TestWriteResultsPrefixes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		prefix, wantKey string
	}{
		{"", "3c39a231-69bb-3d89-8607-9e124eddbb0b/manifest.json"},
		{"jobs", "jobs/3c39a231-69bb-3d89-8607-9e124eddbb0b/manifest.json"},
		{"jobs/", "jobs/3c39a231-69bb-3d89-8607-9e124eddbb0b/manifest.json"},
		{"a/b", "a/b/3c39a231-69bb-3d89-8607-9e124eddbb0b/manifest.json"},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			t.Parallel()
			objects, output, err := maprun.WriteResults("b", tt.prefix, runARN, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := output["ResultWriterDetails"].(map[string]any)["Key"]; got != tt.wantKey {
				t.Errorf("manifest key = %v, want %s", got, tt.wantKey)
			}
			if len(objects) != 1 {
				t.Errorf("no results wrote %v, want the manifest alone", keys(objects))
			}
			want := `{"DestinationBucket":"b","MapRunArn":"` + runARN + `","ResultFiles":{"FAILED":[],"PENDING":[],"SUCCEEDED":[]}}`
			if got := string(objects[tt.wantKey]); got != want {
				t.Errorf("manifest = %s, want %s", got, want)
			}
		})
	}
}

func TestWriteResultsRefusesRunning(t *testing.T) {
	t.Parallel()
	for _, s := range []types.ExecutionStatus{types.ExecutionStatusRunning, types.ExecutionStatusPendingRedrive, ""} {
		_, _, err := maprun.WriteResults("b", "", runARN, []maprun.Result{{Status: s}})
		if err == nil || !strings.Contains(err.Error(), "result 0") {
			t.Errorf("WriteResults with a %q child = %v, want an error", s, err)
		}
	}
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
