package sfnmem

import (
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// stuckLocked lists the RUNNING executions that have no way to progress: no
// open task, no pending timer and no Map Run to wait for. It must always be
// empty; the tests check it after every engine test. Call with e.mu held.
func (e *Engine) stuckLocked() []string {
	var stuck []string
	for _, x := range e.executions.listed() {
		if x.x.Status == types.ExecutionStatusRunning && !x.open.run.Waiting() {
			stuck = append(stuck, x.x.ARN)
		}
	}
	sort.Strings(stuck)
	return stuck
}

// unwaitedLocked lists the RUNNING Map Runs whose parent does not wait for
// them: a Map Run whose Map state was aborted, or whose execution closed,
// is aborted at once, so nothing would ever hear how it ends. It must
// always be empty. Call with e.mu held.
func (e *Engine) unwaitedLocked() []string {
	var unwaited []string
	for arn, mr := range e.mapRuns {
		if mr.m.Status == types.MapRunStatusRunning && !waitsForMapRun(mr.parent, arn) {
			unwaited = append(unwaited, arn)
		}
	}
	sort.Strings(unwaited)
	return unwaited
}

// checkProgress returns an error naming the stuck executions, or the Map
// Runs no execution waits for, if any.
func (e *Engine) checkProgress() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if stuck := e.stuckLocked(); len(stuck) > 0 {
		return fmt.Errorf("RUNNING executions with no way to progress: %v", stuck)
	}
	if unwaited := e.unwaitedLocked(); len(unwaited) > 0 {
		return fmt.Errorf("RUNNING Map Runs no execution waits for: %v", unwaited)
	}
	return nil
}
