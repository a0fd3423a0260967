package maprun

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Check verifies the invariants of m and returns every broken one, joined;
// nil when m is consistent. Run it after every engine step in tests, after
// the pattern of fstest.TestFS:
//
//   - every counter is non-negative;
//   - pending+running+succeeded+failed+timedOut+aborted+pendingRedrive ==
//     total, for executions and for items;
//   - resultsWritten ≤ total and failuresNotRedrivable ≤
//     failed+timedOut+aborted, for both;
//   - each child holds at least one item, so for every status the item count
//     is at least the execution count, and is 0 when the execution count is;
//   - Status is a MapRunStatus, and StopDate is set exactly when the Map Run
//     is not RUNNING;
//   - RedriveCount is within 0..MaxRedrives and RedriveDate is set exactly
//     when RedriveCount > 0;
//   - with no children pending redrive once the Map Run has closed.
func Check(m *MapRun) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	checkCounts("executionCounts", &m.Executions, fail)
	checkCounts("itemCounts", &m.Items, fail)
	for _, s := range statuses {
		e, i := *m.Executions.field(s), *m.Items.field(s)
		if i < e || (e == 0 && i != 0) {
			fail("%s: %d items in %d children", s, i, e)
		}
	}
	if e, i := m.Executions.Total, m.Items.Total; i < e || (e == 0 && i != 0) {
		fail("total: %d items in %d children", i, e)
	}
	switch m.Status {
	case types.MapRunStatusRunning:
		if !m.StopDate.IsZero() {
			fail("RUNNING Map Run has stopDate %v", m.StopDate)
		}
	case types.MapRunStatusSucceeded, types.MapRunStatusFailed, types.MapRunStatusAborted:
		if m.StopDate.IsZero() {
			fail("%s Map Run has no stopDate", m.Status)
		}
		if m.Executions.PendingRedrive != 0 || m.Items.PendingRedrive != 0 {
			fail("%s Map Run has children pending redrive", m.Status)
		}
	default:
		fail("status %q is not a MapRunStatus", m.Status)
	}
	if m.RedriveCount < 0 || m.RedriveCount > MaxRedrives {
		fail("redriveCount %d outside 0..%d", m.RedriveCount, MaxRedrives)
	}
	if (m.RedriveCount == 0) != m.RedriveDate.IsZero() {
		fail("redriveCount %d with redriveDate %v", m.RedriveCount, m.RedriveDate)
	}
	if m.ToleratedFailureCount < 0 {
		fail("toleratedFailureCount %d < 0", m.ToleratedFailureCount)
	}
	if p := m.ToleratedFailurePercentage; !(p >= 0 && p <= 100) {
		fail("toleratedFailurePercentage %v outside 0..100", p)
	}
	return errors.Join(errs...)
}

// statuses are the statuses whose counters add up to Total.
var statuses = [...]types.ExecutionStatus{
	Pending, types.ExecutionStatusRunning, types.ExecutionStatusSucceeded,
	types.ExecutionStatusFailed, types.ExecutionStatusTimedOut, types.ExecutionStatusAborted,
	types.ExecutionStatusPendingRedrive,
}

func checkCounts(what string, c *Counts, fail func(string, ...any)) {
	var sum int64
	for _, s := range statuses {
		n := *c.field(s)
		if n < 0 {
			fail("%s.%s = %d < 0", what, s, n)
		}
		sum += n
	}
	if c.Total < 0 || c.ResultsWritten < 0 || c.FailuresNotRedrivable < 0 {
		fail("%s: total %d, resultsWritten %d, failuresNotRedrivable %d: negative",
			what, c.Total, c.ResultsWritten, c.FailuresNotRedrivable)
	}
	if sum != c.Total {
		fail("%s: statuses add up to %d, total is %d", what, sum, c.Total)
	}
	if c.ResultsWritten > c.Total {
		fail("%s: resultsWritten %d > total %d", what, c.ResultsWritten, c.Total)
	}
	if c.FailuresNotRedrivable > c.unsuccessful() {
		fail("%s: failuresNotRedrivable %d > failed+timedOut+aborted %d", what, c.FailuresNotRedrivable, c.unsuccessful())
	}
}
