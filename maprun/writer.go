package maprun

import (
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Result is one child's outcome, as ResultWriter exports it.
type Result struct {
	ExecutionARN    string
	Name            string
	StateMachineARN string                // the child's (labelled) state machine ARN
	Status          types.ExecutionStatus // SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or Pending (never started)
	Input           string                // JSON text
	Output          string                // JSON text; written for SUCCEEDED
	Error, Cause    *string               // nil: absent
	StartDate       time.Time
	StopDate        time.Time

	RedriveCount        int32
	RedriveStatus       types.ExecutionRedriveStatus
	RedriveStatusReason string // "": absent
}

// Result file groups, the keys of the manifest's ResultFiles.
const (
	FilesSucceeded = "SUCCEEDED"
	FilesFailed    = "FAILED"
	FilesPending   = "PENDING"
)

// DateLayout is how ResultWriter files write dates: ISO 8601 in UTC with
// milliseconds (docs/decisions.md, "ResultWriter dates").
const DateLayout = "2006-01-02T15:04:05.000Z"

// WriteResults returns the objects a ResultWriter with resource
// s3:putObject writes for the Map Run mapRunARN into bucket under prefix,
// keyed by object key, and the Map state's result that points at them:
//
//	{"MapRunArn": mapRunARN, "ResultWriterDetails": {"Bucket": bucket, "Key": "<prefix>/<id>/manifest.json"}}
//
// The objects are <prefix>/<id>/manifest.json and, for each non-empty group,
// <prefix>/<id>/SUCCEEDED_0.json, FAILED_0.json and PENDING_0.json, where id
// is the Map Run's [ID] and a prefix without a trailing "/" gets one. Each
// result file is a JSON array of the children of its group in the order of
// results: SUCCEEDED children in SUCCEEDED, FAILED, TIMED_OUT and ABORTED
// ones in FAILED (their Status tells them apart), never-started ones in
// PENDING. A started child's entry has ExecutionArn, Input, InputDetails,
// Name, RedriveCount, RedriveStatus, RedriveStatusReason (when set),
// StartDate, StateMachineArn, Status, StopDate, and Output with
// OutputDetails (SUCCEEDED) or Error and Cause (when set); a pending one
// only Input, InputDetails and Status. The manifest is
//
//	{"DestinationBucket": bucket, "MapRunArn": mapRunARN,
//	 "ResultFiles": {"FAILED": [{"Key": …, "Size": …}], "PENDING": [], "SUCCEEDED": […]}}
//
// This is the default output (WriterConfig Transformation NONE, OutputType
// JSON); the other WriterConfig options are not modelled. A result with
// any other status is an error.
func WriteResults(bucket, prefix, mapRunARN string, results []Result) (objects map[string][]byte, output map[string]any, err error) {
	dir := prefix
	if dir != "" && !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	dir += ID(mapRunARN) + "/"
	groups := map[string][]any{}
	for i, r := range results {
		g, entry, err := resultEntry(r)
		if err != nil {
			return nil, nil, fmt.Errorf("maprun: result %d: %w", i, err)
		}
		groups[g] = append(groups[g], entry)
	}
	objects = map[string][]byte{}
	files := map[string]any{}
	for _, g := range [...]string{FilesFailed, FilesPending, FilesSucceeded} {
		list := []any{}
		if entries := groups[g]; len(entries) > 0 {
			key := dir + g + "_0.json"
			body, err := jsonv.Encode(entries)
			if err != nil {
				return nil, nil, fmt.Errorf("maprun: %s: %w", key, err)
			}
			objects[key] = body
			list = append(list, map[string]any{"Key": key, "Size": int64(len(body))})
		}
		files[g] = list
	}
	manifestKey := dir + "manifest.json"
	manifest, err := jsonv.Encode(map[string]any{
		"DestinationBucket": bucket,
		"MapRunArn":         mapRunARN,
		"ResultFiles":       files,
	})
	if err != nil {
		return nil, nil, err
	}
	objects[manifestKey] = manifest
	output = map[string]any{
		"MapRunArn":           mapRunARN,
		"ResultWriterDetails": map[string]any{"Bucket": bucket, "Key": manifestKey},
	}
	return objects, output, nil
}

// resultEntry returns the group of r and its entry.
func resultEntry(r Result) (string, map[string]any, error) {
	included := map[string]any{"Included": true}
	if r.Status == Pending {
		return FilesPending, map[string]any{"Input": r.Input, "InputDetails": included, "Status": string(Pending)}, nil
	}
	e := map[string]any{
		"ExecutionArn":    r.ExecutionARN,
		"Input":           r.Input,
		"InputDetails":    included,
		"Name":            r.Name,
		"RedriveCount":    int64(r.RedriveCount),
		"RedriveStatus":   string(r.RedriveStatus),
		"StartDate":       r.StartDate.UTC().Format(DateLayout),
		"StateMachineArn": r.StateMachineARN,
		"Status":          string(r.Status),
		"StopDate":        r.StopDate.UTC().Format(DateLayout),
	}
	if r.RedriveStatusReason != "" {
		e["RedriveStatusReason"] = r.RedriveStatusReason
	}
	switch r.Status {
	case types.ExecutionStatusSucceeded:
		e["Output"] = r.Output
		e["OutputDetails"] = map[string]any{"Included": true}
		return FilesSucceeded, e, nil
	case types.ExecutionStatusFailed, types.ExecutionStatusTimedOut, types.ExecutionStatusAborted:
		if r.Error != nil {
			e["Error"] = *r.Error
		}
		if r.Cause != nil {
			e["Cause"] = *r.Cause
		}
		return FilesFailed, e, nil
	}
	return "", nil, fmt.Errorf("status %q has no result file", r.Status)
}
