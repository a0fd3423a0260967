package sfnmem_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
)

// ListExecutions by a version ARN lists the executions that ran that
// version (directly or through an alias); by an alias ARN, those started
// through the alias; by the machine ARN, all of them. Items carry the
// version and alias ARNs.
func TestListExecutionsByVersionAndAlias(t *testing.T) {
	e, _ := newEngine(t)
	sm, v1, v2 := twoVersions(t, e)
	alias := mustAlias(t, e, "PROD", routeTo(v1, 100))
	byAlias := mustStart(t, e, alias, "via-alias", `{}`)
	byV2 := mustStart(t, e, v2, "via-v2", `{}`)
	plain := mustStart(t, e, sm, "plain", `{}`)

	list := func(arn string) []string {
		t.Helper()
		out, err := e.ListExecutions(context.Background(), &sfn.ListExecutionsInput{StateMachineArn: &arn})
		if err != nil {
			t.Fatalf("ListExecutions(%s) = %v", arn, err)
		}
		var arns []string
		for _, x := range out.Executions {
			arns = append(arns, aws.ToString(x.ExecutionArn))
		}
		return arns
	}
	tests := []struct {
		name, arn string
		want      []string
	}{
		{"machine", sm, []string{plain, byV2, byAlias}},
		{"version 1", v1, []string{byAlias}},
		{"version 2", v2, []string{byV2}},
		{"alias", alias, []string{byAlias}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, list(tt.arn)); diff != "" {
			t.Errorf("ListExecutions(%s) (-want +got):\n%s", tt.name, diff)
		}
	}
	out, _ := e.ListExecutions(context.Background(), &sfn.ListExecutionsInput{StateMachineArn: &alias})
	if it := out.Executions[0]; aws.ToString(it.StateMachineVersionArn) != v1 || aws.ToString(it.StateMachineAliasArn) != alias {
		t.Errorf("item: version %s alias %s; want %s %s", aws.ToString(it.StateMachineVersionArn), aws.ToString(it.StateMachineAliasArn), v1, alias)
	}
	_, err := e.ListExecutions(context.Background(), &sfn.ListExecutionsInput{StateMachineArn: aws.String(sm + ":9")})
	wantAPIError[*types.ResourceNotFound](t, "ListExecutions(unknown version)", err)
}
