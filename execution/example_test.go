package execution_test

import (
	"errors"
	"fmt"

	"github.com/sfnmem/sfnmem/execution"
)

func ExampleParseARN() {
	a, err := execution.ParseARN("arn:aws:states:us-east-1:123456789012:execution:orders/demoLabel:child-1")
	fmt.Println(err, a.Kind, a.Name, a.Label, a.ID)
	fmt.Println(a.StateMachine())

	_, err = execution.ParseARN("orders")
	fmt.Println(err)
	// Output:
	// <nil> execution orders demoLabel child-1
	// arn:aws:states:us-east-1:123456789012:stateMachine:orders
	// Invalid Arn: 'Invalid ARN prefix: orders'
}

func ExampleARN_Require() {
	a, _ := execution.ParseARN("arn:aws:states:us-east-1:123456789012:stateMachine:orders:PROD")
	fmt.Println(a.IsAlias(), a.Require(execution.KindExecution))
	// Output: true Invalid Arn: 'Resource type not valid in this context: stateMachine'
}

func ExampleValidateName() {
	err := execution.ValidateName("order 42")
	fmt.Println(err)
	var ne *execution.NameError
	if errors.As(err, &ne) {
		fmt.Println(ne.Length, ne.Message())
	}
	// Output:
	// name "order 42": contains white space U+0020 at byte 5
	// false Invalid Name: 'order 42'
}

func ExampleMapRunARN() {
	sm := execution.StateMachineARN("aws", "us-east-1", "123456789012", "orders")
	fmt.Println(execution.MapRunARN(sm, "demoLabel", "3c39a231-69bb-3d89-8607-9e124eddbb0b"))
	fmt.Println(execution.LabelledExecutionARN(sm+":3", "demoLabel", "child-1"))
	// Output:
	// arn:aws:states:us-east-1:123456789012:mapRun:orders/demoLabel:3c39a231-69bb-3d89-8607-9e124eddbb0b
	// arn:aws:states:us-east-1:123456789012:execution:orders/demoLabel:child-1
}
