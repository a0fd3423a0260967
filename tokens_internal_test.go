package sfnmem

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// A task token is the execution's prefix, a dot and the Scheduled event's
// id, in a piece exactly its length (the next token's bytes follow it in the
// block); the prefix is "AQB" and the execution's seq in base64url, 4
// characters up to 16,777,215 and 12 past it, distinct for distinct
// executions.
func TestTaskTokenShape(t *testing.T) {
	t.Parallel()
	var blk byteBlock
	tokenFor := (&taskTokens{seq: 1234, blk: &blk}).TokenFor
	prefix := prefixOf(1234)
	if len(prefix) != 7 || !strings.HasPrefix(prefix, "AQB") || strings.ContainsAny(prefix, "+/=.") {
		t.Errorf("token prefix = %q, want AQB and 4 base64url characters", prefix)
	}
	for _, id := range []int64{1, 9, 10, 99, 100, 12345, 1<<31 - 1} {
		tok := tokenFor(id)
		if want := prefix + "." + strconv.FormatInt(id, 10); tok != want {
			t.Errorf("token for %d = %q, want %q", id, tok, want)
		}
		if tokenExecutionKey(tok) != prefix {
			t.Errorf("tokenExecutionKey(%q) = %q, want %q", tok, tokenExecutionKey(tok), prefix)
		}
	}
	if len(blk.buf) != 7*(len(prefix)+1)+1+1+2+2+3+5+10 {
		t.Errorf("the tokens took %d bytes of the block, want exactly their lengths", len(blk.buf))
	}
	seen := map[string]int{}
	for _, seq := range []int{0, 1, 63, 64, 4095, 4096, 1<<24 - 1, 1 << 24, 1<<24 + 1, 1 << 40, 1<<62 + 5} {
		key := prefixOf(seq)
		if n := len(key); (seq < 1<<24 && n != 7) || (seq >= 1<<24 && n != 15) || strings.ContainsAny(key, "+/=.") {
			t.Errorf("seq %d: prefix %q, want AQB and %d base64url characters", seq, key, map[bool]int{true: 4, false: 12}[seq < 1<<24])
		}
		if other, dup := seen[key]; dup {
			t.Errorf("seqs %d and %d share the prefix %q", other, seq, key)
		}
		seen[key] = seq
	}
}

// The engine finds an execution by the seq its tokens' prefix names: it
// keeps nothing for an execution's tokens (a key per execution, in a map
// that every start grew, cost an engine keeping 100,000s of executions
// ~1 µs each). Every prefix appendTokenPrefix writes reads back as its
// seq; any other string names no execution, even one that decodes to a
// seq (not written as appendTokenPrefix writes it).
func TestTokenNamesItsExecution(t *testing.T) {
	t.Parallel()
	e := New()
	var token string
	e.HandleTask("arn:aws:lambda:us-east-1:123456789012:function:f", func(_ context.Context, in TaskInput) (json.RawMessage, error) {
		token = in.TaskToken
		return json.RawMessage(`{}`), nil
	})
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}`
	sm, err := e.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String("m"), Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]*executionState{} // each token, and the execution it was given by
	for range 3 {
		out, err := e.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
		if err != nil {
			t.Fatal(err)
		}
		x := executionOf(e, *out.ExecutionArn)
		if got := tokenExecution(e, token); got != x {
			t.Errorf("token %q names %v, want %s", token, got, x.x.ARN)
		}
		named[token] = x
	}
	for tok, x := range named { // still, after the others started
		if got := tokenExecution(e, tok); got != x {
			t.Errorf("token %q names %v, want %s", tok, got, x.x.ARN)
		}
	}
	if len(named) != 3 || len(e.tasks) != 0 {
		t.Errorf("%d distinct tokens (want 3), %d token keys kept (want none)", len(named), len(e.tasks))
	}
	for _, seq := range []int{0, 1, 2, 4095, 1<<24 - 1, 1 << 24, 1<<24 + 7, 1 << 40, math.MaxInt} {
		if got, ok := tokenSeq(prefixOf(seq)); !ok || got != seq {
			t.Errorf("seq %d: its prefix reads back as %d, %v", seq, got, ok)
		}
	}
	for _, key := range []string{"", "AQB", "AQBAAAA", "AQB!!!!", "XQBW9Hp", "AQBW9Hpx", "AQBAAAAAAAAAAAAA", "AQB________________"} {
		if seq, ok := tokenSeq(key); ok && prefixOf(seq) != key {
			t.Errorf("prefix %q reads as seq %d, whose prefix is another", key, seq)
		}
	}
	if _, ok := tokenSeq("AQBAAAAAAAAAAAAA"[:15]); ok {
		t.Errorf("a 12-character prefix of a seq under 2^24 was taken")
	}
}

// An executionState stays at most 320 bytes, a size class of Go's
// allocator, for the reason a history.Log stays small (history's
// TestLogStaysSmall): the engine keeps one per execution forever, and an
// engine that keeps hundreds of thousands pays for each kept byte in page
// faults. A byte over 320 costs 64 (the next class is 384). 272 of them are
// the record (execution.Execution); what only some executions need is
// behind a pointer: openParts (until it succeeds) and rareParts (Map Runs,
// redrive client tokens).
func TestExecutionStateStaysSmall(t *testing.T) {
	t.Parallel()
	if size := unsafe.Sizeof(executionState{}); size > 320 {
		t.Errorf("executionState is %d bytes, want at most 320", size)
	}
}

// BenchmarkTokenFor makes the tokens of a run of 50 Task states, as the
// interpreter asks for them (the Scheduled events' ids).
func BenchmarkTokenFor(b *testing.B) {
	var blk byteBlock
	tokenFor := (&taskTokens{seq: 4321, blk: &blk}).TokenFor
	for b.Loop() {
		for id := int64(3); id < 253; id += 5 {
			_ = tokenFor(id)
		}
	}
}

// prefixOf returns the prefix of the task tokens of the execution with seq
// (tokenExecutionKey of each).
func prefixOf(seq int) string { return string(appendTokenPrefix(nil, seq)) }
