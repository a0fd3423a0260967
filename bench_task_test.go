package sfnmem_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// benchTaskResources are the kinds of Task resource a handler answers: a
// Lambda function by its ARN (LambdaFunction* events), the optimized
// Lambda integration and an SDK-style service integration (Task* events,
// with TaskStarted details), and an activity.
var benchTaskResources = []struct{ name, resource, params string }{
	{"lambda-function", "arn:aws:lambda:us-east-1:123456789012:function:f", ""},
	{"lambda-invoke", "arn:aws:states:::lambda:invoke", `,"Parameters":{"FunctionName":"f","Payload.$":"$"},"OutputPath":"$.Payload"`},
	{"sqs-send", "arn:aws:states:::sqs:sendMessage", ""},
	{"activity", "arn:aws:states:us-east-1:123456789012:activity:a", ""},
}

// BenchmarkTasks50 runs a linear machine of 50 Task states on each kind of
// resource, one engine keeping every execution, and reports the cost of
// one Task state (its five events and its handler call).
func BenchmarkTasks50(b *testing.B) {
	ctx := context.Background()
	for _, r := range benchTaskResources {
		b.Run(r.name, func(b *testing.B) {
			e := benchEngine()
			key := r.resource
			if r.name == "lambda-invoke" {
				key = "arn:aws:lambda:us-east-1:123456789012:function:f" // FunctionName f, qualified
			}
			e.HandleTask(key, handler(`{"ok":true}`))
			sm := mustCreate(b, e, "tasks", benchTasksDef(r.resource, r.params))
			in := &sfn.StartExecutionInput{StateMachineArn: &sm, Input: aws.String(`{"k":"v"}`)}
			out, err := e.StartExecution(ctx, in)
			if err != nil {
				b.Fatal(err)
			}
			benchWantStatus(b, e, aws.ToString(out.ExecutionArn), types.ExecutionStatusSucceeded)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.StartExecution(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*50), "ns/task")
		})
	}
}

func benchTasksDef(resource, params string) string {
	states := make([]string, 50)
	for i := range states {
		next := `"End":true`
		if i < len(states)-1 {
			next = fmt.Sprintf(`"Next":"T%02d"`, i+1)
		}
		states[i] = fmt.Sprintf(`"T%02d":{"Type":"Task","Resource":%q%s,%s}`, i, resource, params, next)
	}
	return benchDef("T00", states)
}
