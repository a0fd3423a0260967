package sfnmem

import (
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/interp"
	"github.com/sfnmem/sfnmem/redrive"
)

// redriveMapRunLocked redrives a Map Run when its parent is redriven
// (spec 2): Standard children that failed, timed out or were aborted are
// redriven from their failed state, Express ones started again; children
// that are not redrivable keep their last result and are counted in
// failuresNotRedrivable; the rest wait as PENDING_REDRIVE until a
// concurrency slot is free. A Map Run whose items were never read reads
// them now.
func (e *Engine) redriveMapRunLocked(parent *executionState, req interp.MapRun, d *driver) {
	mr, ok := e.mapRuns[req.ARN]
	if !ok {
		panic("sfnmem: redrive of unknown Map Run " + req.ARN)
	}
	if err := mr.m.Redriven(e.now()); err != nil {
		e.failMapRunLocked(mr, err, d)
		return
	}
	mr.failing, mr.aborting = false, false
	mr.req.Input, mr.req.Context = req.Input, req.Context
	if !mr.readOK {
		if err := e.prepareMapRunLocked(mr); err != nil {
			e.failMapRunLocked(mr, err, d)
			return
		}
		e.advanceMapRunLocked(mr, d)
		return
	}
	mr.queue = nil
	var stuck, stuckItems int64
	for _, c := range mr.children {
		switch {
		case c.x == nil:
			mr.queue = append(mr.queue, c) // never started: it starts now
		case c.x.x.Status == types.ExecutionStatusSucceeded:
		case !mr.express && e.redriveReasonLocked(c.x) != redrive.ReasonNone:
			stuck++
			stuckItems += c.items
		default:
			from := c.x.x.Status
			must(c.x.x.PendRedrive())
			must(mr.m.Move(from, types.ExecutionStatusPendingRedrive, c.items))
			mr.queue = append(mr.queue, c)
		}
	}
	must(mr.m.SetFailuresNotRedrivable(stuck, stuckItems))
	e.advanceMapRunLocked(mr, d)
}

// redriveStatusLocked is the redriveStatus (and reason, "" when none) that
// DescribeExecution reports. Children of a Map Run can only be re-run by
// redriving their parent: those that could be are REDRIVABLE_BY_MAP_RUN
// (docs/decisions.md).
func (e *Engine) redriveStatusLocked(x *executionState) (types.ExecutionRedriveStatus, string) {
	if x.mapRun() == nil {
		reason := e.redriveReasonLocked(x)
		return redrive.Status(reason), reason.String()
	}
	if x.x.Type == types.StateMachineTypeExpress {
		switch x.x.Status {
		case types.ExecutionStatusSucceeded:
			return types.ExecutionRedriveStatusNotRedrivable, redrive.ReasonSucceeded.String()
		case types.ExecutionStatusRunning, types.ExecutionStatusPendingRedrive:
			return types.ExecutionRedriveStatusNotRedrivable, redrive.ReasonRunning.String()
		}
		return types.ExecutionRedriveStatusRedrivableByMapRun, ""
	}
	if reason := e.redriveReasonLocked(x); reason != redrive.ReasonNone {
		return types.ExecutionRedriveStatusNotRedrivable, reason.String()
	}
	return types.ExecutionRedriveStatusRedrivableByMapRun, ""
}
