package sfnhttp

import (
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/google/go-cmp/cmp"
)

// shapes has one method with an operation's exact signature and several
// near misses that must not be served.
type shapes struct{}

func (shapes) DescribeExecution(context.Context, *sfn.DescribeExecutionInput, ...func(*sfn.Options)) (*sfn.DescribeExecutionOutput, error) {
	return nil, nil
}

// Input and output named for another operation.
func (shapes) StopExecution(context.Context, *sfn.DescribeExecutionInput, ...func(*sfn.Options)) (*sfn.DescribeExecutionOutput, error) {
	return nil, nil
}

// Not variadic.
func (shapes) ListExecutions(context.Context, *sfn.ListExecutionsInput, []func(*sfn.Options)) (*sfn.ListExecutionsOutput, error) {
	return nil, nil
}

// Input by value.
func (shapes) ListStateMachines(context.Context, sfn.ListStateMachinesInput, ...func(*sfn.Options)) (*sfn.ListStateMachinesOutput, error) {
	return nil, nil
}

// No error result.
func (shapes) DeleteStateMachine(context.Context, *sfn.DeleteStateMachineInput, ...func(*sfn.Options)) *sfn.DeleteStateMachineOutput {
	return nil
}

// No context.
func (shapes) SendTaskSuccess(any, *sfn.SendTaskSuccessInput, ...func(*sfn.Options)) (*sfn.SendTaskSuccessOutput, error) {
	return nil, nil
}

func TestOperationsFindsOnlyExactSignatures(t *testing.T) {
	t.Parallel()
	got := slices.Sorted(maps.Keys(operations(reflect.TypeFor[shapes]())))
	if diff := cmp.Diff([]string{"DescribeExecution"}, got); diff != "" {
		t.Errorf("operations(shapes) (-want +got):\n%s", diff)
	}
}
