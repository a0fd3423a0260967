package sfnmem_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/sfnmem/sfnmem"
)

// Handlers' results are decoded once per distinct text and shared (see
// results.go). Sharing must not show: every execution sees its own task's
// result, a later state that adds to the result does not change what the
// next task returning the same text gets, and a handler that reuses its
// buffer for a different result gets the new one.
func TestHandlerResultsAreNotShared(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	buf := []byte(`{"a":1}`)
	results := []string{`{"a":1}`, `{ "a" : 1 }`, `{"a":2}`, ``, `null`, `{"a":1}`, `[1,2]`, `{"a":1}`, `{"a":1}`, `{"a":3}`, `{"a":3}`, ``, ``}
	i := 0
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f", func(ctx context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		buf = append(buf[:0], results[i]...) // the same buffer every time
		i++
		return buf, nil
	})
	sm := mustCreate(t, e, "m", `{"StartAt":"T","States":{
		"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Next":"Add"},
		"Add":{"Type":"Pass","Result":"added","ResultPath":"$.b","End":true}}}`)
	want := []string{`{"a":1,"b":"added"}`, `{"a":1,"b":"added"}`, `{"a":2,"b":"added"}`, ``, ``, `{"a":1,"b":"added"}`, ``, `{"a":1,"b":"added"}`,
		`{"a":1,"b":"added"}`, `{"a":3,"b":"added"}`, `{"a":3,"b":"added"}`, ``, ``}
	for n := range results {
		arn := mustStart(t, e, sm, fmt.Sprint("run", n), "{}")
		out := mustDescribe(t, e, arn)
		got := aws.ToString(out.Output)
		if want[n] == "" {
			// null and an array cannot take ResultPath $.b: the Pass state fails.
			if got != "" || out.Error == nil {
				t.Errorf("result %q: output %q, error %v; want the Pass state to fail", results[n], got, aws.ToString(out.Error))
			}
			continue
		}
		if got != want[n] {
			t.Errorf("result %q: output %s, want %s", results[n], got, want[n])
		}
	}
}

// Task tokens are cut from shared blocks (engine.go, taskTokens): each of
// fifty tokens of one execution is distinct, stays as it was issued after
// later tokens are cut, and names the event that scheduled its task.
func TestTaskTokensStayDistinct(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	var tokens []string
	e.HandleTask(benchPeerTask, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		tokens = append(tokens, in.TaskToken)
		return json.RawMessage(`{}`), nil
	})
	sm := mustCreate(t, e, "tasks", benchPeerTask50())
	mustStart(t, e, sm, "run", "{}")
	if len(tokens) != 50 {
		t.Fatalf("%d tokens, want 50", len(tokens))
	}
	seen := map[string]bool{}
	prefix := tokens[0][:strings.LastIndexByte(tokens[0], '.')+1]
	for i, tok := range tokens {
		// ExecutionStarted is event 1; Task i is entered at 2+5i and scheduled at 3+5i.
		if want := fmt.Sprint(prefix, 3+5*i); tok != want {
			t.Errorf("token %d = %q, want %q", i, tok, want)
		}
		if seen[tok] {
			t.Errorf("token %d repeats %q", i, tok)
		}
		seen[tok] = true
	}
}

// A handler may write into its input and append to it: neither the history
// nor the next task's input changes.
func TestHandlerMayWriteItsInput(t *testing.T) {
	t.Parallel()
	e, _ := newEngine(t)
	var seen []string
	e.HandleTask(benchPeerTask, func(_ context.Context, in sfnmem.TaskInput) (json.RawMessage, error) {
		seen = append(seen, string(in.Input))
		for i := range in.Input {
			in.Input[i] = 'x'
		}
		_ = append(in.Input, "more"...)
		return json.RawMessage(`{"k":"v"}`), nil
	})
	sm := mustCreate(t, e, "tasks", benchPeerTask50())
	arn := mustStart(t, e, sm, "run", `{"k":"v"}`)
	for i, s := range seen {
		if s != `{"k":"v"}` {
			t.Fatalf("task %d got input %q, want {\"k\":\"v\"}", i, s)
		}
	}
	for _, ev := range mustEvents(t, e, arn) {
		if d := ev.TaskScheduledEventDetails; d != nil && aws.ToString(d.Parameters) != `{"k":"v"}` {
			t.Fatalf("event %d: parameters %q", ev.Id, aws.ToString(d.Parameters))
		}
	}
}
