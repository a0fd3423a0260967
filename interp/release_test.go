package interp

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
)

// A run that succeeded cannot be redriven, so once its closing step's
// effects are taken it holds no frames, decoded input or caches (an engine
// keeps every run it started), and its snapshot records no frames. A run
// that failed keeps them all: a redrive starts from its frames.
func TestSucceededRunKeepsNoFrames(t *testing.T) {
	t.Parallel()
	const task = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","End":true}}}`
	tests := []struct {
		name       string
		finish     func(r *Run, token string) error
		status     types.ExecutionStatus
		keepFrames bool
	}{
		{"succeeded", func(r *Run, tok string) error { return r.Succeed(tok, `{"ok":true}`, snapT0) }, types.ExecutionStatusSucceeded, false},
		{"failed", func(r *Run, tok string) error { return r.Fail(tok, "E", "c", snapT0) }, types.ExecutionStatusFailed, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r, _ := snapStart(t, task)
			tokens := r.OpenTasks()
			if len(tokens) != 1 {
				t.Fatalf("open tasks %v, want one", tokens)
			}
			if err := tt.finish(r, tokens[0]); err != nil {
				t.Fatal(err)
			}
			if !r.TakeEffects().Closed || r.Outcome().Status != tt.status {
				t.Fatalf("run closed %v as %s, want %s", !r.Open(), r.Outcome().Status, tt.status)
			}
			if kept := r.top != nil && r.input != nil; kept != tt.keepFrames {
				t.Errorf("frames and input kept: %v, want %v", kept, tt.keepFrames)
			}
			st, err := r.Snapshot()
			if err != nil {
				t.Fatal(err)
			}
			if recorded := st.Top != nil; recorded != tt.keepFrames {
				t.Errorf("snapshot records frames: %v, want %v", recorded, tt.keepFrames)
			}
			if st.Outcome.Status != tt.status || st.Open {
				t.Errorf("snapshot outcome %s (open %v), want %s", st.Outcome.Status, st.Open, tt.status)
			}
		})
	}
}

// The executions of one machine share their ExecutionStarted details
// through Config.Resources; another role, version or alias gets its own,
// and each run's event reads its own values.
func TestStartedDetailsShared(t *testing.T) {
	t.Parallel()
	d, err := asl.Parse(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	if err != nil {
		t.Fatal(err)
	}
	var res Resources
	start := func(role, version string) *types.ExecutionStartedEventDetails {
		t.Helper()
		cfg := Config{Definition: d, Log: history.NewLog(0), Resources: &res,
			Execution: Execution{ARN: "arn:x", RoleARN: role, VersionARN: version, Input: `{}`, StartTime: snapT0}}
		if _, err := Start(cfg, snapT0); err != nil {
			t.Fatal(err)
		}
		ev, _ := cfg.Log.Event(1)
		got := ev.ExecutionStartedEventDetails
		if got == nil || *got.RoleArn != role || (version == "") != (got.StateMachineVersionArn == nil) {
			t.Fatalf("ExecutionStarted details %+v, want role %q, version %q", got, role, version)
		}
		return res.started
	}
	first := start("role-a", "")
	if again := start("role-a", ""); again != first {
		t.Error("a second execution of the same machine made its own details")
	}
	if other := start("role-b", ""); other == first {
		t.Error("another role shared the first details")
	}
	if v := start("role-b", "arn:v1"); *v.StateMachineVersionArn != "arn:v1" {
		t.Errorf("version %q", *v.StateMachineVersionArn)
	}
}
