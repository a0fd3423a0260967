package sfnmem_test

import (
	"testing"

	"context"
	"github.com/google/go-cmp/cmp"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
)

// client is every sfn.Client method the engine implements, with the
// client's exact signatures: code written against an interface over the
// real client takes an *Engine unchanged.
type client interface {
	CreateStateMachine(context.Context, *sfn.CreateStateMachineInput, ...func(*sfn.Options)) (*sfn.CreateStateMachineOutput, error)
	DescribeStateMachine(context.Context, *sfn.DescribeStateMachineInput, ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error)
	DescribeStateMachineForExecution(context.Context, *sfn.DescribeStateMachineForExecutionInput, ...func(*sfn.Options)) (*sfn.DescribeStateMachineForExecutionOutput, error)
	ListStateMachines(context.Context, *sfn.ListStateMachinesInput, ...func(*sfn.Options)) (*sfn.ListStateMachinesOutput, error)
	UpdateStateMachine(context.Context, *sfn.UpdateStateMachineInput, ...func(*sfn.Options)) (*sfn.UpdateStateMachineOutput, error)
	DeleteStateMachine(context.Context, *sfn.DeleteStateMachineInput, ...func(*sfn.Options)) (*sfn.DeleteStateMachineOutput, error)
	PublishStateMachineVersion(context.Context, *sfn.PublishStateMachineVersionInput, ...func(*sfn.Options)) (*sfn.PublishStateMachineVersionOutput, error)
	ListStateMachineVersions(context.Context, *sfn.ListStateMachineVersionsInput, ...func(*sfn.Options)) (*sfn.ListStateMachineVersionsOutput, error)
	DeleteStateMachineVersion(context.Context, *sfn.DeleteStateMachineVersionInput, ...func(*sfn.Options)) (*sfn.DeleteStateMachineVersionOutput, error)
	CreateStateMachineAlias(context.Context, *sfn.CreateStateMachineAliasInput, ...func(*sfn.Options)) (*sfn.CreateStateMachineAliasOutput, error)
	DescribeStateMachineAlias(context.Context, *sfn.DescribeStateMachineAliasInput, ...func(*sfn.Options)) (*sfn.DescribeStateMachineAliasOutput, error)
	ListStateMachineAliases(context.Context, *sfn.ListStateMachineAliasesInput, ...func(*sfn.Options)) (*sfn.ListStateMachineAliasesOutput, error)
	UpdateStateMachineAlias(context.Context, *sfn.UpdateStateMachineAliasInput, ...func(*sfn.Options)) (*sfn.UpdateStateMachineAliasOutput, error)
	DeleteStateMachineAlias(context.Context, *sfn.DeleteStateMachineAliasInput, ...func(*sfn.Options)) (*sfn.DeleteStateMachineAliasOutput, error)
	StartSyncExecution(context.Context, *sfn.StartSyncExecutionInput, ...func(*sfn.Options)) (*sfn.StartSyncExecutionOutput, error)
	StartExecution(context.Context, *sfn.StartExecutionInput, ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error)
	StopExecution(context.Context, *sfn.StopExecutionInput, ...func(*sfn.Options)) (*sfn.StopExecutionOutput, error)
	RedriveExecution(context.Context, *sfn.RedriveExecutionInput, ...func(*sfn.Options)) (*sfn.RedriveExecutionOutput, error)
	DescribeExecution(context.Context, *sfn.DescribeExecutionInput, ...func(*sfn.Options)) (*sfn.DescribeExecutionOutput, error)
	ListExecutions(context.Context, *sfn.ListExecutionsInput, ...func(*sfn.Options)) (*sfn.ListExecutionsOutput, error)
	GetExecutionHistory(context.Context, *sfn.GetExecutionHistoryInput, ...func(*sfn.Options)) (*sfn.GetExecutionHistoryOutput, error)
	SendTaskSuccess(context.Context, *sfn.SendTaskSuccessInput, ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error)
	SendTaskFailure(context.Context, *sfn.SendTaskFailureInput, ...func(*sfn.Options)) (*sfn.SendTaskFailureOutput, error)
	SendTaskHeartbeat(context.Context, *sfn.SendTaskHeartbeatInput, ...func(*sfn.Options)) (*sfn.SendTaskHeartbeatOutput, error)
	DescribeMapRun(context.Context, *sfn.DescribeMapRunInput, ...func(*sfn.Options)) (*sfn.DescribeMapRunOutput, error)
	ListMapRuns(context.Context, *sfn.ListMapRunsInput, ...func(*sfn.Options)) (*sfn.ListMapRunsOutput, error)
	UpdateMapRun(context.Context, *sfn.UpdateMapRunInput, ...func(*sfn.Options)) (*sfn.UpdateMapRunOutput, error)
	TagResource(context.Context, *sfn.TagResourceInput, ...func(*sfn.Options)) (*sfn.TagResourceOutput, error)
	UntagResource(context.Context, *sfn.UntagResourceInput, ...func(*sfn.Options)) (*sfn.UntagResourceOutput, error)
	ListTagsForResource(context.Context, *sfn.ListTagsForResourceInput, ...func(*sfn.Options)) (*sfn.ListTagsForResourceOutput, error)
	ValidateStateMachineDefinition(context.Context, *sfn.ValidateStateMachineDefinitionInput, ...func(*sfn.Options)) (*sfn.ValidateStateMachineDefinitionOutput, error)
}

// The real client and the engine both satisfy client, and the engine
// satisfies every paginator's client interface.
var (
	_ client = (*sfn.Client)(nil)
	_ client = (*sfnmem.Engine)(nil)

	_ sfn.ListExecutionsAPIClient      = (*sfnmem.Engine)(nil)
	_ sfn.GetExecutionHistoryAPIClient = (*sfnmem.Engine)(nil)
	_ sfn.ListMapRunsAPIClient         = (*sfnmem.Engine)(nil)
	_ sfn.ListStateMachinesAPIClient   = (*sfnmem.Engine)(nil)
)

// The SDK's paginators page through an engine.
func TestPaginatorsOnEngine(t *testing.T) {
	e, _ := newEngine(t)
	sm := mustCreate(t, e, "p", `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},"Q":{"Type":"Pass","End":true}}}`)
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		mustStart(t, e, sm, name, `{}`)
	}
	ctx := context.Background()
	var names []string
	lp := sfn.NewListExecutionsPaginator(e, &sfn.ListExecutionsInput{StateMachineArn: &sm}, func(o *sfn.ListExecutionsPaginatorOptions) { o.Limit = 2 })
	for lp.HasMorePages() {
		page, err := lp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range page.Executions {
			names = append(names, *x.Name)
		}
	}
	if diff := cmp.Diff([]string{"e", "d", "c", "b", "a"}, names); diff != "" {
		t.Errorf("ListExecutions paginator (-want +got):\n%s", diff)
	}
	arn := sm[:len(sm)-len(":stateMachine:p")] + ":execution:p:a"
	hp := sfn.NewGetExecutionHistoryPaginator(e, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn}, func(o *sfn.GetExecutionHistoryPaginatorOptions) { o.Limit = 4 })
	var ids []int64
	for hp.HasMorePages() {
		page, err := hp.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range page.Events {
			ids = append(ids, ev.Id)
		}
	}
	if diff := cmp.Diff([]int64{1, 2, 3, 4, 5, 6}, ids); diff != "" {
		t.Errorf("GetExecutionHistory paginator (-want +got):\n%s", diff)
	}
}
