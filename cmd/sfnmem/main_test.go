package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// syncBuffer collects the server's log lines after the first.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRun starts the server on a free port, makes SDK calls against it,
// and shuts it down by cancelling the context.
func TestRun(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-region", "eu-west-1", "-account", "111122223333"}, pw)
		pw.Close()
	}()

	lines := bufio.NewReader(pr)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the listening line: %v (run: %v)", err, <-done)
	}
	url, ok := strings.CutPrefix(strings.TrimSpace(first), "listening on ")
	if !ok {
		t.Fatalf("first line = %q, want \"listening on http://...\"", first)
	}
	var logs syncBuffer
	drained := make(chan struct{})
	go func() {
		io.Copy(&logs, lines)
		close(drained)
	}()

	client := sfn.New(sfn.Options{
		BaseEndpoint: aws.String(url), Region: "eu-west-1",
		Credentials: aws.AnonymousCredentials{}, Retryer: aws.NopRetryer{},
	})
	out, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name:       aws.String("hello"),
		Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`),
		RoleArn:    aws.String("arn:aws:iam::111122223333:role/r"),
	})
	if err != nil {
		t.Fatalf("CreateStateMachine = %v", err)
	}
	if want := "arn:aws:states:eu-west-1:111122223333:stateMachine:hello"; aws.ToString(out.StateMachineArn) != want {
		t.Errorf("StateMachineArn = %s, want %s (from -region and -account)", aws.ToString(out.StateMachineArn), want)
	}
	_, err = client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String("arn:aws:states:eu-west-1:111122223333:execution:hello:none")})
	var notFound *types.ExecutionDoesNotExist
	if !errors.As(err, &notFound) {
		t.Errorf("DescribeExecution(none) = %v, want ExecutionDoesNotExist", err)
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run = %v, want nil after cancel", err)
	}
	<-drained
	for _, want := range []string{
		"operation=CreateStateMachine status=200",
		"operation=DescribeExecution status=400",
		"error=ExecutionDoesNotExist",
		"msg=stopped",
	} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

func TestRunBadArguments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"unknown flag", []string{"-port", "1"}},
		{"stray argument", []string{"serve"}},
		{"bad address", []string{"-addr", "127.0.0.1:notaport"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := run(context.Background(), tt.args, io.Discard); err == nil {
				t.Errorf("run(%q) = nil, want an error", tt.args)
			}
		})
	}
}
