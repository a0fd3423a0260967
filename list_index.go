package sfnmem

import (
	"slices"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// The status index: for each state machine, the positions (in start order,
// as in e.byMachine) of its executions in each status, sorted. A listing
// with a statusFilter walks only the executions in that status instead of
// scanning every execution of the machine. Kept up to date on every status
// change of a listed execution. All functions here need e.mu held.

// indexAddLocked records x, just appended to its machine's list, under its
// status.
func (e *Engine) indexAddLocked(x *executionState) {
	arn := x.x.StateMachineARN
	x.pos = len(e.byMachine[arn]) - 1
	byStatus := e.statusIndex[arn]
	if byStatus == nil {
		byStatus = map[types.ExecutionStatus][]int{}
		e.statusIndex[arn] = byStatus
	}
	byStatus[x.x.Status] = append(byStatus[x.x.Status], x.pos)
}

// indexMoveLocked moves a listed execution from one status to another.
func (e *Engine) indexMoveLocked(x *executionState, from, to types.ExecutionStatus) {
	byStatus := e.statusIndex[x.x.StateMachineARN]
	if byStatus == nil || from == to || x.mapRun() != nil {
		return
	}
	if list := byStatus[from]; len(list) > 0 {
		if i, ok := slices.BinarySearch(list, x.pos); ok {
			byStatus[from] = slices.Delete(list, i, i+1)
		}
	}
	list := byStatus[to]
	i, _ := slices.BinarySearch(list, x.pos)
	byStatus[to] = slices.Insert(list, i, x.pos)
}

// rebuildIndexLocked builds the index from e.byMachine (after Restore).
func (e *Engine) rebuildIndexLocked() {
	e.statusIndex = map[string]map[types.ExecutionStatus][]int{}
	for arn, list := range e.byMachine {
		byStatus := map[types.ExecutionStatus][]int{}
		for i, x := range list {
			x.pos = i
			byStatus[x.x.Status] = append(byStatus[x.x.Status], i)
		}
		e.statusIndex[arn] = byStatus
	}
}

// candidates steps through the positions a listing may return, from the
// newest down: every position, or only those of one status.
type candidates struct {
	positions []int // sorted; nil means every position
	indexed   bool
}

// prev returns the largest candidate position at or below i, or -1.
func (c candidates) prev(i int64) int64 {
	if !c.indexed || i < 0 {
		return i
	}
	j := sort.SearchInts(c.positions, int(i)+1) // first position > i
	if j == 0 {
		return -1
	}
	return int64(c.positions[j-1])
}
