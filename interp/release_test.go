package interp

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
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
