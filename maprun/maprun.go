package maprun

import (
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/execution"
)

// Pending is the Map Run's status for a child it has not started yet. No
// execution exists for such a child, so this is not a value of
// [types.ExecutionStatus] that any API returns; it only names the
// `pending` counter in [MapRun.Move].
const Pending types.ExecutionStatus = "PENDING"

// MaxRedrives is the hard limit on redrives of one Map Run; the next redrive
// fails with States.Runtime (spec 1.4, 2.1).
const MaxRedrives = 1000

// DefaultMaxConcurrency is the number of children a Distributed Map runs at
// once when MaxConcurrency is 0 (unset): AWS's limit of 10,000 parallel child
// executions.
const DefaultMaxConcurrency = 10000

// Counts is one side of DescribeMapRun's counters: [MapRun.Executions]
// counts child executions, [MapRun.Items] counts the items they process (a
// child processes one item, or one batch of items with an ItemBatcher).
//
// Every child is in exactly one of Pending, Running, Succeeded, Failed,
// TimedOut, Aborted and PendingRedrive, so their sum is Total ([Check]).
// FailuresNotRedrivable is a subset of Failed+TimedOut+Aborted, and
// ResultsWritten a subset of Total; neither takes part in the sum.
type Counts struct {
	Pending        int64 // not started yet (also: left unprocessed by a failed Map Run)
	Running        int64
	Succeeded      int64
	Failed         int64
	TimedOut       int64
	Aborted        int64
	PendingRedrive int64 // unsuccessful, waiting for a concurrency slot of a redrive (spec 2.3)
	Total          int64

	ResultsWritten        int64 // results the ResultWriter wrote (or gathered) in the last attempt
	FailuresNotRedrivable int64 // unsuccessful children the last redrive could not re-run
}

// SDKExecution returns c as DescribeMapRun's executionCounts. The two
// optional counters are always present (docs/decisions.md: "DescribeMapRun
// optional counters").
func (c Counts) SDKExecution() *types.MapRunExecutionCounts {
	return &types.MapRunExecutionCounts{
		Pending: c.Pending, Running: c.Running, Succeeded: c.Succeeded, Failed: c.Failed,
		TimedOut: c.TimedOut, Aborted: c.Aborted, Total: c.Total, ResultsWritten: c.ResultsWritten,
		PendingRedrive:        aws.Int64(c.PendingRedrive),
		FailuresNotRedrivable: aws.Int64(c.FailuresNotRedrivable),
	}
}

// SDKItems returns c as DescribeMapRun's itemCounts, like [Counts.SDKExecution].
func (c Counts) SDKItems() *types.MapRunItemCounts {
	return &types.MapRunItemCounts{
		Pending: c.Pending, Running: c.Running, Succeeded: c.Succeeded, Failed: c.Failed,
		TimedOut: c.TimedOut, Aborted: c.Aborted, Total: c.Total, ResultsWritten: c.ResultsWritten,
		PendingRedrive:        aws.Int64(c.PendingRedrive),
		FailuresNotRedrivable: aws.Int64(c.FailuresNotRedrivable),
	}
}

// field returns the counter of status s, or nil when s has none.
func (c *Counts) field(s types.ExecutionStatus) *int64 {
	switch s {
	case Pending:
		return &c.Pending
	case types.ExecutionStatusRunning:
		return &c.Running
	case types.ExecutionStatusSucceeded:
		return &c.Succeeded
	case types.ExecutionStatusFailed:
		return &c.Failed
	case types.ExecutionStatusTimedOut:
		return &c.TimedOut
	case types.ExecutionStatusAborted:
		return &c.Aborted
	case types.ExecutionStatusPendingRedrive:
		return &c.PendingRedrive
	}
	return nil
}

// unsuccessful is Failed+TimedOut+Aborted.
func (c *Counts) unsuccessful() int64 { return c.Failed + c.TimedOut + c.Aborted }

// MapRun is the record of one Map Run, as DescribeMapRun and ListMapRuns
// report it. Its counters change only through its methods, which keep them
// consistent in O(1) per call; a MapRun holds no pointers, so a plain copy
// is a deep copy.
type MapRun struct {
	ARN             string // …:mapRun:<sm>/<label>:<id>
	ExecutionARN    string // the parent execution
	StateMachineARN string // labelled: …:stateMachine:<sm>/<label>, as ListMapRuns reports it
	Label           string

	Status    types.MapRunStatus
	StartDate time.Time
	StopDate  time.Time // zero while RUNNING

	// MaxConcurrency is the limit on running children; 0 means
	// DefaultMaxConcurrency (DescribeMapRun reports 0).
	MaxConcurrency int32

	// Tolerance: see [MapRun.ToleranceExceeded]. The *Set flags record
	// whether the Map state (or UpdateMapRun) gave the threshold at all.
	ToleratedFailureCount         int64
	ToleratedFailurePercentage    float32
	ToleratedFailureCountSet      bool
	ToleratedFailurePercentageSet bool

	Executions Counts
	Items      Counts

	RedriveCount int32     // successful redrives of this Map Run
	RedriveDate  time.Time // zero until the first redrive
}

// New returns a RUNNING Map Run started at now, with no children yet.
func New(arn, executionARN, stateMachineARN, label string, now time.Time) *MapRun {
	return &MapRun{
		ARN: arn, ExecutionARN: executionARN, StateMachineARN: stateMachineARN, Label: label,
		Status: types.MapRunStatusRunning, StartDate: now.UTC(),
	}
}

// Add records children new children, all pending, that process items items
// in all (items == children without an ItemBatcher). Each child has at least
// one item. It returns an error, changing nothing, on negative or
// inconsistent numbers.
func (m *MapRun) Add(children, items int64) error {
	if children < 0 || items < children || (children == 0 && items != 0) {
		return fmt.Errorf("maprun: cannot add %d children with %d items", children, items)
	}
	if m.Executions.Total > math.MaxInt64-children || m.Items.Total > math.MaxInt64-items {
		return errors.New("maprun: counter overflow")
	}
	m.Executions.Pending += children
	m.Executions.Total += children
	m.Items.Pending += items
	m.Items.Total += items
	return nil
}

// Move records that one child processing items items changed status from →
// to. The allowed moves are those of [execution.CanTransition], plus
// [Pending] → RUNNING when the Map Run starts a child:
//
//	PENDING → RUNNING
//	RUNNING → SUCCEEDED | FAILED | TIMED_OUT | ABORTED
//	FAILED | TIMED_OUT | ABORTED → RUNNING | PENDING_REDRIVE   (a redrive)
//	PENDING_REDRIVE → RUNNING | ABORTED
//
// A redrive therefore empties Failed (and TimedOut and Aborted) of every
// child it re-runs, which is the reset to 0 the developer guide describes
// (spec 2.4); children it cannot re-run keep their status and counter.
// Move returns an error, changing nothing, for any other move or when the
// from counter holds fewer than one child or items items.
func (m *MapRun) Move(from, to types.ExecutionStatus, items int64) error {
	if !(from == Pending && to == types.ExecutionStatusRunning) && !execution.CanTransition(from, to) {
		return &execution.TransitionError{From: from, To: to}
	}
	fe, te := m.Executions.field(from), m.Executions.field(to)
	fi, ti := m.Items.field(from), m.Items.field(to)
	if items < 1 || *fe < 1 || *fi < items {
		return fmt.Errorf("maprun: no child with %d items is %s (%d children, %d items)", items, from, *fe, *fi)
	}
	*fe--
	*te++
	*fi -= items
	*ti += items
	return nil
}

// SetResultsWritten records the children and items whose results the last
// attempt wrote. It returns an error, changing nothing, when they exceed the
// totals.
func (m *MapRun) SetResultsWritten(children, items int64) error {
	if children < 0 || items < 0 || children > m.Executions.Total || items > m.Items.Total {
		return fmt.Errorf("maprun: %d results written of %d children (%d items of %d)", children, m.Executions.Total, items, m.Items.Total)
	}
	m.Executions.ResultsWritten, m.Items.ResultsWritten = children, items
	return nil
}

// SetFailuresNotRedrivable records the unsuccessful children (and their
// items) that a redrive found NOT_REDRIVABLE and left with their last result
// (spec 2.1, 2.4). The engine counts them while it plans the redrive. It
// returns an error, changing nothing, when they exceed
// Failed+TimedOut+Aborted.
func (m *MapRun) SetFailuresNotRedrivable(children, items int64) error {
	if children < 0 || items < 0 || children > m.Executions.unsuccessful() || items > m.Items.unsuccessful() {
		return fmt.Errorf("maprun: %d children (%d items) not redrivable, but only %d (%d) unsuccessful",
			children, items, m.Executions.unsuccessful(), m.Items.unsuccessful())
	}
	m.Executions.FailuresNotRedrivable, m.Items.FailuresNotRedrivable = children, items
	return nil
}

// Slots returns how many more children may run now: MaxConcurrency (or
// [DefaultMaxConcurrency] when it is 0) less the running children, never
// negative (UpdateMapRun may lower the limit below the running count).
func (m *MapRun) Slots() int64 {
	limit := int64(m.MaxConcurrency)
	if limit <= 0 {
		limit = DefaultMaxConcurrency
	}
	return max(0, limit-m.Executions.Running)
}

// Close ends a RUNNING Map Run with status at now. It returns an error,
// changing nothing, when the Map Run is not RUNNING or status is not
// SUCCEEDED, FAILED or ABORTED. Children pending redrive must have been
// moved first (to ABORTED when the Map Run is aborted): spec 2.3 resets
// pendingRedrive to 0 when the Map Run completes or is aborted.
func (m *MapRun) Close(status types.MapRunStatus, now time.Time) error {
	switch status {
	case types.MapRunStatusSucceeded, types.MapRunStatusFailed, types.MapRunStatusAborted:
	default:
		return fmt.Errorf("maprun: cannot close with status %q", status)
	}
	if m.Status != types.MapRunStatusRunning {
		return fmt.Errorf("maprun: cannot close a %s Map Run", m.Status)
	}
	if m.Executions.PendingRedrive != 0 {
		return fmt.Errorf("maprun: %d children still pending redrive", m.Executions.PendingRedrive)
	}
	m.Status = status
	m.StopDate = now.UTC()
	return nil
}

// Redrivable reports whether the Map Run can be redriven now: it is FAILED
// or ABORTED and under [MaxRedrives]. Whether its parent may be redriven is
// the redrive package's question.
func (m *MapRun) Redrivable() bool {
	return (m.Status == types.MapRunStatusFailed || m.Status == types.MapRunStatusAborted) &&
		m.RedriveCount < MaxRedrives
}

// Redriven records a successful redrive at now: the Map Run is RUNNING
// again, StopDate is cleared, RedriveCount goes up by one and RedriveDate is
// now. Past [MaxRedrives] it returns an *[Error] named States.Runtime
// (spec 1.4); for a Map Run that is not FAILED or ABORTED a plain error.
// Either way nothing changes. The engine then moves the children it re-runs
// with [MapRun.Move].
func (m *MapRun) Redriven(now time.Time) error {
	if m.RedriveCount >= MaxRedrives {
		return &Error{Name: ErrRuntime, Cause: fmt.Sprintf("Map Run %s has reached the limit of %d redrives", m.ARN, MaxRedrives)}
	}
	if !m.Redrivable() {
		return fmt.Errorf("maprun: cannot redrive a %s Map Run", m.Status)
	}
	m.Status = types.MapRunStatusRunning
	m.StopDate = time.Time{}
	m.RedriveCount++
	m.RedriveDate = now.UTC()
	return nil
}

// ListItem returns m as a ListMapRuns item.
func (m *MapRun) ListItem() types.MapRunListItem {
	it := types.MapRunListItem{
		ExecutionArn:    aws.String(m.ExecutionARN),
		MapRunArn:       aws.String(m.ARN),
		StateMachineArn: aws.String(m.StateMachineARN),
		StartDate:       aws.Time(m.StartDate),
	}
	if !m.StopDate.IsZero() {
		it.StopDate = aws.Time(m.StopDate)
	}
	return it
}
