package sfnmem_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

func routeTo(version string, weight int32) types.RoutingConfigurationListItem {
	return types.RoutingConfigurationListItem{StateMachineVersionArn: aws.String(version), Weight: weight}
}

func mustAlias(t *testing.T, e *sfnmem.Engine, name string, routes ...types.RoutingConfigurationListItem) string {
	t.Helper()
	out, err := e.CreateStateMachineAlias(context.Background(), &sfn.CreateStateMachineAliasInput{Name: &name, RoutingConfiguration: routes})
	if err != nil {
		t.Fatalf("CreateStateMachineAlias(%s) = %v", name, err)
	}
	return aws.ToString(out.StateMachineAliasArn)
}

// twoVersions creates "orders" answering "A" as version 1 and "B" as
// version 2.
func twoVersions(t *testing.T, e *sfnmem.Engine) (sm, v1, v2 string) {
	t.Helper()
	sm = mustCreate(t, e, "orders", defAnswerA)
	v1 = aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn)
	v2 = aws.ToString(mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB), Publish: true}).StateMachineVersionArn)
	return sm, v1, v2
}

// CreateStateMachineAlias refuses bad names and routing configurations with
// the messages recorded against AWS (test_error_create_alias_invalid_*).
func TestCreateStateMachineAliasRefusals(t *testing.T) {
	t.Parallel()
	sm := arnPrefix + "stateMachine:orders"
	v1, v2, v3 := sm+":1", sm+":2", sm+":3"
	pattern := `Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`
	long := strings.Repeat("A", 81)
	tests := []struct {
		name    string
		alias   string
		routes  []types.RoutingConfigurationListItem
		code    string
		msg     string
		routing bool // ValidationException reason INVALID_ROUTING_CONFIGURATION
	}{
		{"integer name", "123", []types.RoutingConfigurationListItem{routeTo(v1, 100)}, "ValidationException",
			"1 validation error detected: Value '123' at 'name' failed to satisfy constraint: " + pattern, false},
		{"name with space", "INVALID ALIAS", []types.RoutingConfigurationListItem{routeTo(v1, 100)}, "ValidationException",
			"1 validation error detected: Value 'INVALID ALIAS' at 'name' failed to satisfy constraint: " + pattern, false},
		{"name with bang", "!INVALID", []types.RoutingConfigurationListItem{routeTo(v1, 100)}, "ValidationException",
			"1 validation error detected: Value '!INVALID' at 'name' failed to satisfy constraint: " + pattern, false},
		{"name of 81", long, []types.RoutingConfigurationListItem{routeTo(v1, 100)}, "ValidationException",
			"1 validation error detected: Value '" + long + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80", false},
		{"three routes", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 50), routeTo(v2, 30), routeTo(v3, 20)}, "ValidationException",
			"1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn=" + v1 + ", weight=50), RoutingConfigurationListItem(stateMachineVersionArn=" + v2 +
				", weight=30), RoutingConfigurationListItem(stateMachineVersionArn=" + v3 + ", weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2", false},
		{"no routes", "PROD", []types.RoutingConfigurationListItem{}, "ValidationException", "", false},
		{"duplicate routes", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 50), routeTo(v1, 50)}, "ValidationException",
			"Routing configuration must contain distinct state machine version ARNs. Received: [" + v1 + ", " + v1 + "]", true},
		{"machine ARN", "PROD", []types.RoutingConfigurationListItem{routeTo(sm, 100)}, "ValidationException",
			"Routing configuration must contain state machine version ARNs. Received: [" + sm + "]", true},
		{"machine ARN and version", "PROD", []types.RoutingConfigurationListItem{routeTo(sm, 50), routeTo(v2, 50)}, "ValidationException",
			"Routing configuration must contain state machine version ARNs. Received: [" + sm + ", " + v2 + "]", true},
		{"weight 101", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 101)}, "ValidationException",
			"1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100", false},
		{"weight -1", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, -1)}, "ValidationException",
			"1 validation error detected: Value '-1' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value greater than or equal to 0", false},
		{"weights sum to 99", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 70), routeTo(v2, 29)}, "ValidationException",
			"Sum of routing configuration weights must equal 100. Received: [70, 29]", true},
		{"weights sum to 101", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 70), routeTo(v2, 31)}, "ValidationException",
			"Sum of routing configuration weights must equal 100. Received: [70, 31]", true},
		{"versions of two machines", "PROD", []types.RoutingConfigurationListItem{routeTo(v1, 50), routeTo(arnPrefix+"stateMachine:other:1", 50)}, "ValidationException", "", true},
		{"unknown version", "PROD", []types.RoutingConfigurationListItem{routeTo(v3, 100)}, "ResourceNotFound", "Request references a resource that does not exist.", false},
		{"unknown machine", "PROD", []types.RoutingConfigurationListItem{routeTo(arnPrefix+"stateMachine:nosuch:1", 100)}, "StateMachineDoesNotExist", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			twoVersions(t, e)
			_, err := e.CreateStateMachineAlias(context.Background(), &sfn.CreateStateMachineAliasInput{Name: aws.String(tt.alias), RoutingConfiguration: tt.routes})
			wantCode(t, "CreateStateMachineAlias", err, tt.code, tt.msg)
			if tt.code == "ValidationException" {
				ve := wantAPIError[*types.ValidationException](t, "CreateStateMachineAlias", err)
				if got := ve.Reason == types.ValidationExceptionReasonInvalidRoutingConfiguration; got != tt.routing {
					t.Errorf("reason = %q, want INVALID_ROUTING_CONFIGURATION: %v", ve.Reason, tt.routing)
				}
			}
		})
	}
}

// Creating an alias again with the same name, routing and description
// returns it; a different routing or description is ConflictException
// (test_idempotent_create_alias, test_error_create_alias_not_idempotent).
func TestCreateStateMachineAliasIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, clk := newEngine(t)
	sm, v1, v2 := twoVersions(t, e)
	in := sfn.CreateStateMachineAliasInput{Name: aws.String("PROD"), Description: aws.String("d"),
		RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(v1, 60), routeTo(v2, 40)}}
	first, err := e.CreateStateMachineAlias(ctx, &in)
	if err != nil {
		t.Fatalf("CreateStateMachineAlias = %v", err)
	}
	clk.Advance(time.Minute)
	reordered := in
	reordered.RoutingConfiguration = []types.RoutingConfigurationListItem{routeTo(v2, 40), routeTo(v1, 60)}
	again, err := e.CreateStateMachineAlias(ctx, &reordered)
	if err != nil {
		t.Fatalf("CreateStateMachineAlias(same, reordered) = %v", err)
	}
	want := &sfn.CreateStateMachineAliasOutput{StateMachineAliasArn: aws.String(sm + ":PROD"), CreationDate: aws.Time(t0)}
	for _, got := range []*sfn.CreateStateMachineAliasOutput{first, again} {
		if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
			t.Errorf("CreateStateMachineAlias (-want +got):\n%s", diff)
		}
	}
	const conflict = "Failed to create alias because an alias with the same name and a different routing configuration already exists."
	otherDescription := in
	otherDescription.Description = aws.String("other")
	_, err = e.CreateStateMachineAlias(ctx, &otherDescription)
	wantCode(t, "CreateStateMachineAlias(other description)", err, "ConflictException", conflict)
	otherRouting := in
	otherRouting.RoutingConfiguration = []types.RoutingConfigurationListItem{routeTo(v1, 100)}
	_, err = e.CreateStateMachineAlias(ctx, &otherRouting)
	wantCode(t, "CreateStateMachineAlias(other routing)", err, "ConflictException", conflict)
}

// An alias's whole life: describe, update description then routing,
// list, refuse to delete the version it routes to, delete it
// (test_base_lifecycle_*, test_delete_version_with_alias).
func TestStateMachineAliasLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, clk := newEngine(t)
	sm, v1, v2 := twoVersions(t, e)
	prod := mustAlias(t, e, "PROD", routeTo(v1, 100))
	beta := mustAlias(t, e, "beta", routeTo(v2, 100))

	clk.Advance(time.Minute)
	if _, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: &prod, Description: aws.String("new description")}); err != nil {
		t.Fatalf("UpdateStateMachineAlias(description) = %v", err)
	}
	clk.Advance(time.Minute)
	up, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: &prod,
		RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(v1, 50), routeTo(v2, 50)}})
	if err != nil {
		t.Fatalf("UpdateStateMachineAlias(routing) = %v", err)
	}
	if !up.UpdateDate.Equal(t0.Add(2 * time.Minute)) {
		t.Errorf("UpdateStateMachineAlias updateDate = %v, want t0+2m", up.UpdateDate)
	}
	got, err := e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: &prod})
	if err != nil {
		t.Fatalf("DescribeStateMachineAlias = %v", err)
	}
	want := &sfn.DescribeStateMachineAliasOutput{
		StateMachineAliasArn: aws.String(sm + ":PROD"),
		Name:                 aws.String("PROD"),
		Description:          aws.String("new description"),
		RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(v1, 50), routeTo(v2, 50)},
		CreationDate:         aws.Time(t0),
		UpdateDate:           aws.Time(t0.Add(2 * time.Minute)),
	}
	if diff := cmp.Diff(want, got, sdkcmp.Options); diff != "" {
		t.Errorf("DescribeStateMachineAlias (-want +got):\n%s", diff)
	}
	got.RoutingConfiguration[0].Weight = 1 // outputs never alias engine state
	if again, _ := e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: &prod}); again.RoutingConfiguration[0].Weight != 50 {
		t.Errorf("mutating a DescribeStateMachineAlias output changed the alias")
	}

	if diff := cmp.Diff([]string{prod, beta}, listAliases(t, e, sm, 1)); diff != "" {
		t.Errorf("ListStateMachineAliases(machine) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{prod}, listAliases(t, e, v1, 0)); diff != "" {
		t.Errorf("ListStateMachineAliases(v1) (-want +got):\n%s", diff)
	}

	_, err = e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: &v2})
	wantCode(t, "DeleteStateMachineVersion(routed)", err, "ConflictException",
		"Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [PROD, beta]")

	for _, arn := range []string{prod, prod} { // the second delete finds nothing and succeeds
		if _, err := e.DeleteStateMachineAlias(ctx, &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: &arn}); err != nil {
			t.Fatalf("DeleteStateMachineAlias(%s) = %v", arn, err)
		}
	}
	if diff := cmp.Diff([]string{beta}, listAliases(t, e, sm, 0)); diff != "" {
		t.Errorf("ListStateMachineAliases after delete (-want +got):\n%s", diff)
	}
	if _, err := e.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: &v1}); err != nil {
		t.Errorf("DeleteStateMachineVersion(v1, no longer routed) = %v", err)
	}
}

func listAliases(t *testing.T, e *sfnmem.Engine, arn string, pageSize int32) []string {
	t.Helper()
	arns := []string{}
	in := &sfn.ListStateMachineAliasesInput{StateMachineArn: &arn, MaxResults: pageSize}
	for {
		out, err := e.ListStateMachineAliases(context.Background(), in)
		if err != nil {
			t.Fatalf("ListStateMachineAliases(%s) = %v", arn, err)
		}
		for _, al := range out.StateMachineAliases {
			arns = append(arns, aws.ToString(al.StateMachineAliasArn))
		}
		if out.NextToken == nil {
			return arns
		}
		in.NextToken = out.NextToken
	}
}

// Refusals of the alias operations on existing and missing aliases.
func TestStateMachineAliasRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	const missing = "Request references a resource that does not exist."
	tests := []struct {
		name string
		call func(e *sfnmem.Engine, sm, v1 string) error
		code string
		msg  string
	}{
		{"update unknown alias", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":nosuch"), Description: aws.String("d")})
			return err
		}, "ResourceNotFound", missing},
		{"describe unknown alias", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":nosuch")})
			return err
		}, "ResourceNotFound", missing},
		{"describe alias given a version ARN", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: &v1})
			return err
		}, "ValidationException", ""},
		{"describe alias, malformed ARN", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String("nope")})
			return err
		}, "InvalidArn", ""},
		{"update with nothing", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":PROD")})
			return err
		}, "ValidationException", ""},
		{"update to another machine's version", func(e *sfnmem.Engine, sm, v1 string) error {
			other := mustCreate(t, e, "other", defAnswerA)
			ov := mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &other}).StateMachineVersionArn
			_, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":PROD"),
				RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(*ov, 100)}})
			return err
		}, "ValidationException", ""},
		{"update to a deleted version", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(sm + ":PROD"),
				RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(sm+":9", 100)}})
			return err
		}, "ResourceNotFound", ""},
		{"list aliases of an alias", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(sm + ":PROD")})
			return err
		}, "ValidationException", ""},
		{"list aliases of an unknown machine", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(arnPrefix + "stateMachine:nosuch")})
			return err
		}, "StateMachineDoesNotExist", ""},
		{"list aliases, bad token", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: &sm, NextToken: aws.String("nope")})
			return err
		}, "InvalidToken", ""},
		{"delete alias given a version ARN", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.DeleteStateMachineAlias(ctx, &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: &v1})
			return err
		}, "ValidationException", ""},
		{"describe machine by alias ARN", func(e *sfnmem.Engine, sm, v1 string) error {
			_, err := e.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(sm + ":PROD")})
			return err
		}, "StateMachineDoesNotExist", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t)
			sm, v1, _ := twoVersions(t, e)
			mustAlias(t, e, "PROD", routeTo(v1, 100))
			wantCode(t, tt.name, tt.call(e, sm, v1), tt.code, tt.msg)
		})
	}
}

// An execution started through an alias runs a version the alias routes
// to and records both ARNs (test_base_lifecycle_create_invoke_describe_list).
// With two routes the choice follows the weights and, for one seed, is the
// same every run.
func TestStartExecutionByAlias(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		w1, w2     int32
		minA, maxA int // executions out of 100 that must run version 1 ("A")
	}{
		{"all to v1", 100, 0, 100, 100},
		{"all to v2", 0, 100, 0, 0},
		{"even split", 50, 50, 30, 70},
		{"canary", 90, 10, 75, 99},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := func() []string {
				e, _ := newEngine(t, sfnmem.WithSeed(7))
				sm, v1, v2 := twoVersions(t, e)
				alias := mustAlias(t, e, "PROD", routeTo(v1, tt.w1), routeTo(v2, tt.w2))
				var outputs []string
				for i := range 100 {
					arn := mustStart(t, e, alias, "x"+string(rune('a'+i/26))+string(rune('a'+i%26)), "{}")
					d := mustDescribe(t, e, arn)
					version := map[string]string{`"A"`: v1, `"B"`: v2}[aws.ToString(d.Output)]
					if aws.ToString(d.StateMachineAliasArn) != alias || aws.ToString(d.StateMachineVersionArn) != version || aws.ToString(d.StateMachineArn) != sm {
						t.Fatalf("DescribeExecution = machine %s, version %s, alias %s, output %s; want %s, the version that ran, %s",
							aws.ToString(d.StateMachineArn), aws.ToString(d.StateMachineVersionArn), aws.ToString(d.StateMachineAliasArn), aws.ToString(d.Output), sm, alias)
					}
					outputs = append(outputs, aws.ToString(d.Output))
				}
				return outputs
			}
			first := run()
			a := 0
			for _, o := range first {
				if o == `"A"` {
					a++
				}
			}
			if a < tt.minA || a > tt.maxA {
				t.Errorf("%d of 100 executions ran version 1, want %d..%d", a, tt.minA, tt.maxA)
			}
			if diff := cmp.Diff(first, run()); diff != "" {
				t.Errorf("same seed, different routing (-first +second):\n%s", diff)
			}
		})
	}
}

// A redrive runs the version the execution started with, through the
// alias it started through, even after the alias has been repointed
// (spec 1, redrive-executions.html).
func TestRedriveKeepsVersionAfterAliasRepointed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e, clk := newEngine(t)
	const fn = "arn:aws:lambda:us-east-1:123456789012:function:flaky"
	e.HandleTask(fn, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		if in.RedriveCount == 0 {
			return nil, &sfnmem.TaskFailure{ErrorName: "Flaky", Cause: "first try"}
		}
		return json.RawMessage(`"from v1"`), nil
	})
	sm := mustCreate(t, e, "orders", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"`+fn+`","End":true}}}`)
	v1 := aws.ToString(mustPublish(t, e, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm}).StateMachineVersionArn)
	v2 := aws.ToString(mustUpdate(t, e, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(defAnswerB), Publish: true}).StateMachineVersionArn)
	alias := mustAlias(t, e, "PROD", routeTo(v1, 100))

	arn := mustStart(t, e, alias, "order-1", "{}")
	if d := mustDescribe(t, e, arn); d.Status != types.ExecutionStatusFailed {
		t.Fatalf("status = %s, want FAILED", d.Status)
	}
	if _, err := e.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: &alias,
		RoutingConfiguration: []types.RoutingConfigurationListItem{routeTo(v2, 100)}}); err != nil {
		t.Fatalf("UpdateStateMachineAlias(v2) = %v", err)
	}
	clk.Advance(time.Hour)
	if _, err := e.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &arn}); err != nil {
		t.Fatalf("RedriveExecution = %v", err)
	}
	d := mustDescribe(t, e, arn)
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `"from v1"` {
		t.Errorf("after redrive: status %s, output %s; want SUCCEEDED, \"from v1\"", d.Status, aws.ToString(d.Output))
	}
	if aws.ToString(d.StateMachineVersionArn) != v1 || aws.ToString(d.StateMachineAliasArn) != alias {
		t.Errorf("after redrive: version %s, alias %s; want %s, %s", aws.ToString(d.StateMachineVersionArn), aws.ToString(d.StateMachineAliasArn), v1, alias)
	}
	if got := executionOutput(t, e, mustStart(t, e, alias, "order-2", "{}")); got != `"B"` {
		t.Errorf("new execution through the repointed alias output = %s, want \"B\"", got)
	}
}
