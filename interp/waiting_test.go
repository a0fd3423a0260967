package interp

import (
	"testing"
	"time"
)

// Waiting is true while an open run has a timer or a task to wait for, and
// false once it closes: the engine's progress invariant relies on it.
func TestWaitingFollowsTheRun(t *testing.T) {
	t.Parallel()
	r, _ := snapStart(t, snapParallelWait)
	if !r.Open() || !r.Waiting() {
		t.Fatalf("during the Wait: Open() = %v, Waiting() = %v; want true, true", r.Open(), r.Waiting())
	}
	for _, tm := range r.Timers() {
		if tm.At.Equal(snapT0.Add(time.Minute)) {
			r.Fire(tm.ID, tm.At)
		}
	}
	r.TakeEffects()
	if got := r.OpenTasks(); len(got) != 1 || !r.Waiting() {
		t.Fatalf("during the Task: OpenTasks() = %v, Waiting() = %v; want one task, true", got, r.Waiting())
	}
	if err := r.Succeed(r.OpenTasks()[0], `{}`, snapT0.Add(2*time.Minute)); err != nil {
		t.Fatalf("Succeed = %v", err)
	}
	if r.Open() || r.Waiting() {
		t.Errorf("after success: Open() = %v, Waiting() = %v; want false, false", r.Open(), r.Waiting())
	}
}
