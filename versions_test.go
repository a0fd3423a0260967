package sfnmem_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

// Two Pass machines that answer differently, so a test can tell which
// definition an execution ran.
const (
	defAnswerA = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"A","End":true}}}`
	defAnswerB = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"B","End":true}}}`
)

// wantCode asserts that err is an SDK API error with code and, when msg is
// not empty, that message.
func wantCode(t *testing.T, call string, err error, code, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("%s = %v, want %s", call, err, code)
	}
	if msg != "" && ae.ErrorMessage() != msg {
		t.Errorf("%s message\n got %q\nwant %q", call, ae.ErrorMessage(), msg)
	}
}

func mustPublish(t *testing.T, e *sfnmem.Engine, in *sfn.PublishStateMachineVersionInput) *sfn.PublishStateMachineVersionOutput {
	t.Helper()
	out, err := e.PublishStateMachineVersion(context.Background(), in)
	if err != nil {
		t.Fatalf("PublishStateMachineVersion(%s) = %v", aws.ToString(in.StateMachineArn), err)
	}
	return out
}

func mustUpdate(t *testing.T, e *sfnmem.Engine, in *sfn.UpdateStateMachineInput) *sfn.UpdateStateMachineOutput {
	t.Helper()
	out, err := e.UpdateStateMachine(context.Background(), in)
	if err != nil {
		t.Fatalf("UpdateStateMachine(%s) = %v", aws.ToString(in.StateMachineArn), err)
	}
	return out
}

func listVersions(t *testing.T, e *sfnmem.Engine, sm string, pageSize int32) []string {
	t.Helper()
	var arns []string
	in := &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm, MaxResults: pageSize}
	for {
		out, err := e.ListStateMachineVersions(context.Background(), in)
		if err != nil {
			t.Fatalf("ListStateMachineVersions(%s) = %v", sm, err)
		}
		for _, v := range out.StateMachineVersions {
			arns = append(arns, aws.ToString(v.StateMachineVersionArn))
		}
		if out.NextToken == nil {
			return arns
		}
		in.NextToken = out.NextToken
	}
}

func executionOutput(t *testing.T, e *sfnmem.Engine, arn string) string {
	t.Helper()
	return aws.ToString(mustDescribe(t, e, arn).Output)
}

// Publishing snapshots the current revision: a second publish of the same
// revision returns the same version, a publish after an update makes the
// next number, and each version describes its own definition, description
// and revision (test_publish_state_machine_version, test_idempotent_publish).
func TestPublishStateMachineVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)

	v1 := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm})
	clk.Advance(time.Minute)
	again := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, Description: aws.String("ignored")})
	want := &sfn.PublishStateMachineVersionOutput{StateMachineVersionArn: aws.String(sm + ":1"), CreationDate: aws.Time(t0)}
	for _, got := range []*sfn.PublishStateMachineVersionOutput{v1, again} {
		if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
			t.Errorf("PublishStateMachineVersion (-want +got):\n%s", diff)
		}
	}

	up := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB)})
	rev := aws.ToString(up.RevisionId)
	if rev == "" {
		t.Fatalf("UpdateStateMachine changed the definition but returned no revisionId")
	}
	v2 := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, Description: aws.String("second"), RevisionId: &rev})
	if got := aws.ToString(v2.StateMachineVersionArn); got != sm+":2" {
		t.Errorf("second publish = %s, want %s:2", got, sm)
	}
	if diff := cmp.Diff([]string{sm + ":2", sm + ":1"}, listVersions(t, e, sm, 0)); diff != "" {
		t.Errorf("ListStateMachineVersions, newest first (-want +got):\n%s", diff)
	}

	d2, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: v2.StateMachineVersionArn})
	if err != nil {
		t.Fatalf("DescribeStateMachine(v2) = %v", err)
	}
	wantD := &sfn.DescribeStateMachineOutput{
		StateMachineArn:      aws.String(sm + ":2"),
		Name:                 aws.String("orders"),
		Definition:           aws.String(defAnswerB),
		Description:          aws.String("second"),
		RevisionId:           aws.String(rev),
		RoleArn:              aws.String(role),
		Type:                 types.StateMachineTypeStandard,
		Status:               types.StateMachineStatusActive,
		CreationDate:         aws.Time(t0.Add(time.Minute)),
		LoggingConfiguration: &types.LoggingConfiguration{Level: types.LogLevelOff},
		TracingConfiguration: &types.TracingConfiguration{},
	}
	if diff := cmp.Diff(wantD, d2, sdkcmp.Options); diff != "" {
		t.Errorf("DescribeStateMachine(v2) (-want +got):\n%s", diff)
	}
	d1, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: v1.StateMachineVersionArn})
	if err != nil {
		t.Fatalf("DescribeStateMachine(v1) = %v", err)
	}
	if aws.ToString(d1.Definition) != defAnswerA || d1.RevisionId != nil || d1.Description != nil {
		t.Errorf("DescribeStateMachine(v1) = definition %s, revision %v, description %v; want the first definition, no revision, no description",
			aws.ToString(d1.Definition), d1.RevisionId, d1.Description)
	}

	mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerA)})
	cur, _ := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
	tests := []struct {
		name     string
		revision string
		want     string // version ARN, or "" for ConflictException
	}{
		{"stale revision", rev, ""},
		{"INITIAL after an update", "INITIAL", ""},
		{"current revision", aws.ToString(cur.RevisionId), sm + ":3"},
	}
	for _, tt := range tests {
		out, err := e.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, RevisionId: aws.String(tt.revision)})
		if tt.want == "" {
			wantCode(t, "PublishStateMachineVersion("+tt.name+")", err, "ConflictException",
				"Failed to publish the State Machine version for revision "+tt.revision+". The current State Machine revision is "+aws.ToString(cur.RevisionId)+".")
			continue
		}
		if err != nil || aws.ToString(out.StateMachineVersionArn) != tt.want {
			t.Errorf("PublishStateMachineVersion(%s) = %v, %v; want %s", tt.name, out, err, tt.want)
		}
	}
}

// A machine never updated has the revision INITIAL for revisionId checks.
func TestPublishInitialRevision(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)
	_, err := e.PublishStateMachineVersion(context.Background(), &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, RevisionId: aws.String("other")})
	wantCode(t, "PublishStateMachineVersion(other)", err, "ConflictException",
		"Failed to publish the State Machine version for revision other. The current State Machine revision is INITIAL.")
	out := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, RevisionId: aws.String("INITIAL")})
	if got := aws.ToString(out.StateMachineVersionArn); got != sm+":1" {
		t.Errorf("PublishStateMachineVersion(INITIAL) = %s, want %s:1", got, sm)
	}
}

// Version numbers are never reused, even after the highest is deleted
// (test_version_ids_between_deletions).
func TestVersionNumbersNeverReused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	created, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("orders"), Definition: aws.String(defAnswerA), RoleArn: aws.String(role), Publish: true,
	})
	if err != nil {
		t.Fatalf("CreateStateMachine(publish) = %v", err)
	}
	sm := aws.ToString(created.StateMachineArn)
	if got := aws.ToString(created.StateMachineVersionArn); got != sm+":1" {
		t.Fatalf("CreateStateMachine(publish) version = %q, want %s:1", got, sm)
	}
	up := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB), Publish: true})
	if got := aws.ToString(up.StateMachineVersionArn); got != sm+":2" {
		t.Fatalf("UpdateStateMachine(publish) version = %q, want %s:2", got, sm)
	}
	if _, err := e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(sm + ":2")}); err != nil {
		t.Fatalf("DeleteStateMachineVersion(:2) = %v", err)
	}
	out := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm})
	if got := aws.ToString(out.StateMachineVersionArn); got != sm+":3" {
		t.Errorf("publish after deleting :2 = %s, want %s:3", got, sm)
	}
	if diff := cmp.Diff([]string{sm + ":3", sm + ":1"}, listVersions(t, e, sm, 0)); diff != "" {
		t.Errorf("ListStateMachineVersions (-want +got):\n%s", diff)
	}
}

// UpdateStateMachine gives a new revisionId only when something changes;
// publish=true with no change returns the existing version
// (test_empty_revision_with_publish_and_*).
func TestUpdateStateMachineRevisions(t *testing.T) {
	t.Parallel()
	e, clk := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)

	same := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerA), Publish: true})
	want := &sfn.UpdateStateMachineOutput{UpdateDate: aws.Time(t0), StateMachineVersionArn: aws.String(sm + ":1")}
	if diff := cmp.Diff(want, same, sdkcmp.Options); diff != "" {
		t.Errorf("UpdateStateMachine(no change, publish) (-want +got):\n%s", diff)
	}
	again := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerA), Publish: true})
	if diff := cmp.Diff(want, again, sdkcmp.Options); diff != "" {
		t.Errorf("UpdateStateMachine(no change, publish) again (-want +got):\n%s", diff)
	}

	clk.Advance(time.Second)
	changed := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, RoleArn: aws.String("arn:aws:iam::123456789012:role/other")})
	if changed.RevisionId == nil || changed.StateMachineVersionArn != nil || !changed.UpdateDate.Equal(t0.Add(time.Second)) {
		t.Fatalf("UpdateStateMachine(new role) = %+v, want a revisionId, no version, updateDate t0+1s", changed)
	}
	unchanged := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, RoleArn: aws.String("arn:aws:iam::123456789012:role/other")})
	if aws.ToString(unchanged.RevisionId) != aws.ToString(changed.RevisionId) {
		t.Errorf("UpdateStateMachine(same role) revisionId = %v, want unchanged %v", aws.ToString(unchanged.RevisionId), aws.ToString(changed.RevisionId))
	}
	logged := mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, TracingConfiguration: &types.TracingConfiguration{Enabled: true}})
	if aws.ToString(logged.RevisionId) == aws.ToString(changed.RevisionId) {
		t.Errorf("UpdateStateMachine(tracing on) kept revisionId %v", aws.ToString(logged.RevisionId))
	}
	d, _ := e.DescribeStateMachine(context.Background(), &sfn.DescribeStateMachineInput{StateMachineArn: &sm})
	if !d.TracingConfiguration.Enabled || aws.ToString(d.RoleArn) != "arn:aws:iam::123456789012:role/other" || aws.ToString(d.RevisionId) != aws.ToString(logged.RevisionId) {
		t.Errorf("DescribeStateMachine after updates = tracing %v, role %s, revision %s", d.TracingConfiguration.Enabled, aws.ToString(d.RoleArn), aws.ToString(d.RevisionId))
	}
}

// Every refusal of the version operations, with AWS's messages where they
// are recorded.
func TestVersionRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const unknown = arnPrefix + "stateMachine:nosuch"
	tests := []struct {
		name string
		call func(e *sfnmem.Engine, sm string) error
		code string
		msg  string
	}{
		{"update with nothing", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Publish: true})
			return err
		}, "ValidationException", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified"},
		{"update versionDescription without publish", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB), VersionDescription: aws.String("d")})
			return err
		}, "ValidationException", "Version description can only be set when publish is true"},
		{"create versionDescription without publish", func(e *sfnmem.Engine, sm string) error {
			_, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("x"), Definition: aws.String(defAnswerA), RoleArn: aws.String(role), VersionDescription: aws.String("d")})
			return err
		}, "ValidationException", "Version description can only be set when publish is true"},
		{"update a version ARN", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(sm + ":1"), Definition: aws.String(defAnswerB)})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arnPrefix + "stateMachine:orders:1'"},
		{"update unknown machine", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(unknown), Definition: aws.String(defAnswerB)})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + unknown + "'"},
		{"update bad definition", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(`{"StartAt":"X","States":{}}`)})
			return err
		}, "InvalidDefinition", ""},
		{"update bad role", func(e *sfnmem.Engine, sm string) error {
			_, err := e.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, RoleArn: aws.String("arn:aws:s3:::bucket")})
			return err
		}, "InvalidArn", ""},
		{"publish unknown machine", func(e *sfnmem.Engine, sm string) error {
			_, err := e.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(unknown)})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + unknown + "'"},
		{"publish malformed ARN", func(e *sfnmem.Engine, sm string) error {
			_, err := e.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String("invalid_arn")})
			return err
		}, "InvalidArn", ""},
		{"publish long description", func(e *sfnmem.Engine, sm string) error {
			_, err := e.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, Description: aws.String(string(make([]byte, 257)))})
			return err
		}, "ValidationException", ""},
		{"describe unknown version", func(e *sfnmem.Engine, sm string) error {
			_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(sm + ":7")})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arnPrefix + "stateMachine:orders:7'"},
		{"start unknown version", func(e *sfnmem.Engine, sm string) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm + ":7")})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arnPrefix + "stateMachine:orders:7'"},
		{"start unknown alias", func(e *sfnmem.Engine, sm string) error {
			_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(sm + ":PROD")})
			return err
		}, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arnPrefix + "stateMachine:orders:PROD'"},
		{"list versions of a version", func(e *sfnmem.Engine, sm string) error {
			_, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: aws.String(sm + ":1")})
			return err
		}, "ValidationException", ""},
		{"list versions, bad token", func(e *sfnmem.Engine, sm string) error {
			_, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm, NextToken: aws.String("nope")})
			return err
		}, "InvalidToken", ""},
		{"list versions, empty token", func(e *sfnmem.Engine, sm string) error {
			_, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm, NextToken: aws.String("")})
			return err
		}, "ValidationException", ""},
		{"delete version given the machine ARN", func(e *sfnmem.Engine, sm string) error {
			_, err := e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: &sm})
			return err
		}, "ValidationException", ""},
		{"delete machine given a version ARN", func(e *sfnmem.Engine, sm string) error {
			_, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(sm + ":1")})
			return err
		}, "ValidationException", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			sm := mustCreate(t, e, "orders", defAnswerA)
			mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm})
			wantCode(t, tt.name, tt.call(e, sm), tt.code, tt.msg)
		})
	}
}

// Deleting a version that does not exist, or of a machine that does not,
// succeeds (test_list_delete_version).
func TestDeleteStateMachineVersionMissing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)
	for _, arn := range []string{sm + ":1", arnPrefix + "stateMachine:nosuch:1"} {
		if _, err := e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(arn)}); err != nil {
			t.Errorf("DeleteStateMachineVersion(%s) = %v, want success", arn, err)
		}
	}
}

// An execution started by a version ARN runs that version's definition, not
// the machine's current one, and reports the version ARN beside the
// unqualified machine ARN (test_start_version_execution).
func TestStartExecutionByVersion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)
	v1 := aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn)
	mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB)})

	byVersion := mustStart(t, e, v1, "by-version", "{}")
	byMachine := mustStart(t, e, sm, "by-machine", "{}")
	if got := executionOutput(t, e, byVersion); got != `"A"` {
		t.Errorf("execution by version output = %s, want \"A\"", got)
	}
	if got := executionOutput(t, e, byMachine); got != `"B"` {
		t.Errorf("execution by machine output = %s, want \"B\"", got)
	}
	d := mustDescribe(t, e, byVersion)
	if aws.ToString(d.StateMachineArn) != sm || aws.ToString(d.StateMachineVersionArn) != v1 || d.StateMachineAliasArn != nil {
		t.Errorf("DescribeExecution(by version) = machine %s, version %v, alias %v; want %s, %s, nil",
			aws.ToString(d.StateMachineArn), aws.ToString(d.StateMachineVersionArn), d.StateMachineAliasArn, sm, v1)
	}
	if d := mustDescribe(t, e, byMachine); d.StateMachineVersionArn != nil {
		t.Errorf("DescribeExecution(by machine) version = %s, want none", aws.ToString(d.StateMachineVersionArn))
	}
	started := mustEvents(t, e, byVersion)[0].ExecutionStartedEventDetails
	if started == nil || aws.ToString(started.StateMachineVersionArn) != v1 {
		t.Errorf("ExecutionStarted details = %+v, want stateMachineVersionArn %s", started, v1)
	}
	list, err := e.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm})
	if err != nil || len(list.Executions) != 2 {
		t.Fatalf("ListExecutions(machine) = %v, %v; want both executions", list, err)
	}
}

// Versions list newest first in pages; a version deleted between pages
// does not shift the listing.
func TestListStateMachineVersionsPaging(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)
	for i := range 5 {
		mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","Result":` + string(rune('0'+i)) + `,"End":true}}}`), Publish: true})
	}
	want := []string{sm + ":5", sm + ":4", sm + ":3", sm + ":2", sm + ":1"}
	if diff := cmp.Diff(want, listVersions(t, e, sm, 2)); diff != "" {
		t.Errorf("ListStateMachineVersions by 2 (-want +got):\n%s", diff)
	}
	first, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm, MaxResults: 2})
	if err != nil || first.NextToken == nil {
		t.Fatalf("ListStateMachineVersions(2) = %v, %v; want a nextToken", first, err)
	}
	if _, err := e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(sm + ":3")}); err != nil {
		t.Fatalf("DeleteStateMachineVersion(:3) = %v", err)
	}
	rest, err := e.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm, NextToken: first.NextToken})
	if err != nil {
		t.Fatalf("ListStateMachineVersions(next) = %v", err)
	}
	var got []string
	for _, v := range rest.StateMachineVersions {
		got = append(got, aws.ToString(v.StateMachineVersionArn))
	}
	if diff := cmp.Diff([]string{sm + ":2", sm + ":1"}, got); diff != "" {
		t.Errorf("second page after deleting :3 (-want +got):\n%s", diff)
	}
}

// Deleting a state machine deletes its versions and aliases: a machine
// created again under the name starts from version 1 with no aliases.
func TestDeleteStateMachineDeletesVersionsAndAliases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defAnswerA)
	v1 := aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn)
	mustAlias(t, e, "PROD", routeTo(v1, 100))
	if _, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &sm}); err != nil {
		t.Fatalf("DeleteStateMachine = %v", err)
	}
	_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &v1})
	wantCode(t, "DescribeStateMachine(deleted version)", err, "StateMachineDoesNotExist", "")
	_, err = e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":PROD")})
	wantCode(t, "DescribeStateMachineAlias(deleted)", err, "ResourceNotFound", "")

	sm = mustCreate(t, e, "orders", defAnswerB)
	if got := listVersions(t, e, sm, 0); len(got) != 0 {
		t.Errorf("versions of the new machine = %v, want none", got)
	}
	if got := aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn); got != v1 {
		t.Errorf("first publish of the new machine = %s, want %s", got, v1)
	}
}

// While a deleted machine still has a running execution it is DELETING, and
// starting through one of its versions is refused with StateMachineDeleting.
func TestStartVersionOfDeletingMachine(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "orders", defWait)
	v1 := aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn)
	mustStart(t, e, v1, "waiting", "{}")
	if _, err := e.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &sm}); err != nil {
		t.Fatalf("DeleteStateMachine = %v", err)
	}
	_, err := e.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &v1})
	wantCode(t, "StartExecution(version of deleting machine)", err, "StateMachineDeleting", "")
}
