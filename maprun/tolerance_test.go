package maprun_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func TestToleranceExceeded(t *testing.T) {
	t.Parallel()
	type tol struct {
		count    int64
		countSet bool
		pct      float32
		pctSet   bool
	}
	tests := []struct {
		name                    string
		tol                     tol
		total, failed, timedOut int64
		aborted                 int64
		want                    bool
	}{
		{"no failures", tol{}, 10, 0, 0, 0, false},
		{"unset: any failure fails", tol{}, 10, 1, 0, 0, true},
		{"unset: a time-out fails", tol{}, 10, 0, 1, 0, true},
		{"aborted items do not count", tol{}, 10, 0, 0, 3, false},
		{"count 0 set: one failure exceeds", tol{count: 0, countSet: true}, 10, 1, 0, 0, true},
		{"count 3: three tolerated", tol{count: 3, countSet: true}, 10, 2, 1, 0, false},
		{"count 3: four exceed", tol{count: 3, countSet: true}, 10, 3, 1, 0, true},
		{"percentage 0 set: any failure", tol{pct: 0, pctSet: true}, 10, 1, 0, 0, true},
		{"percentage 10 of 10: one tolerated", tol{pct: 10, pctSet: true}, 10, 1, 0, 0, false},
		{"percentage 10 of 10: two exceed", tol{pct: 10, pctSet: true}, 10, 1, 1, 0, true},
		{"percentage 33.3 of 1000: 333 tolerated", tol{pct: 33.3, pctSet: true}, 1000, 333, 0, 0, false},
		{"percentage 33.3 of 1000: 334 exceed", tol{pct: 33.3, pctSet: true}, 1000, 334, 0, 0, true},
		{"percentage 0.1 of 10000: 10 tolerated", tol{pct: 0.1, pctSet: true}, 10000, 10, 0, 0, false},
		{"percentage 0.1 of 10000: 11 exceed", tol{pct: 0.1, pctSet: true}, 10000, 11, 0, 0, true},
		{"percentage 100 never fails", tol{pct: 100, pctSet: true}, 10, 10, 0, 0, false},
		{"percentage alone: count unset does not limit", tol{pct: 50, pctSet: true}, 10, 5, 0, 0, false},
		{"count alone: percentage unset does not limit", tol{count: 9, countSet: true}, 10, 9, 0, 0, false},
		{"both: count exceeded, percentage not", tol{count: 1, countSet: true, pct: 50, pctSet: true}, 10, 2, 0, 0, true},
		{"both: percentage exceeded, count not", tol{count: 8, countSet: true, pct: 50, pctSet: true}, 10, 6, 0, 0, true},
		{"both: neither exceeded", tol{count: 8, countSet: true, pct: 50, pctSet: true}, 10, 5, 0, 0, false},
		{"tiny percentage", tol{pct: 1e-30, pctSet: true}, 10, 1, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := newRun(t)
			m.ToleratedFailureCount, m.ToleratedFailureCountSet = tt.tol.count, tt.tol.countSet
			m.ToleratedFailurePercentage, m.ToleratedFailurePercentageSet = tt.tol.pct, tt.tol.pctSet
			if err := m.Add(tt.total, tt.total); err != nil {
				t.Fatal(err)
			}
			finish := func(n int64, to types.ExecutionStatus) {
				for range n {
					if err := m.Move(pending, running, 1); err != nil {
						t.Fatal(err)
					}
					if err := m.Move(running, to, 1); err != nil {
						t.Fatal(err)
					}
				}
			}
			finish(tt.failed, failed)
			finish(tt.timedOut, timedOut)
			finish(tt.aborted, aborted)
			mustCheck(t, m)
			if got := m.ToleranceExceeded(); got != tt.want {
				t.Errorf("ToleranceExceeded() = %v, want %v (failed %d, timedOut %d of %d)", got, tt.want, tt.failed, tt.timedOut, tt.total)
			}
		})
	}
}

// TestToleranceCountsItems checks that batches weigh by their items.
func TestToleranceCountsItems(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	m.ToleratedFailureCount, m.ToleratedFailureCountSet = 2, true
	if err := m.Add(2, 6); err != nil {
		t.Fatal(err)
	}
	if err := m.Move(pending, running, 3); err != nil {
		t.Fatal(err)
	}
	if err := m.Move(running, failed, 3); err != nil {
		t.Fatal(err)
	}
	if !m.ToleranceExceeded() {
		t.Error("one failed child of 3 items does not exceed a count of 2 items")
	}
}

// TestToleranceAfterRedrive checks that a redrive's re-run children no longer
// count, and children it cannot re-run still do.
func TestToleranceAfterRedrive(t *testing.T) {
	t.Parallel()
	m := newRun(t)
	m.ToleratedFailureCount, m.ToleratedFailureCountSet = 1, true
	if err := m.Add(3, 3); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := m.Move(pending, running, 1); err != nil {
			t.Fatal(err)
		}
		if err := m.Move(running, failed, 1); err != nil {
			t.Fatal(err)
		}
	}
	if !m.ToleranceExceeded() {
		t.Fatal("3 failures within a count of 1")
	}
	// Redrive: two re-run, one is not redrivable.
	for range 2 {
		if err := m.Move(failed, pendRd, 1); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.SetFailuresNotRedrivable(1, 1); err != nil {
		t.Fatal(err)
	}
	if m.ToleranceExceeded() {
		t.Error("1 remaining failure exceeds a count of 1")
	}
	if err := m.Move(pendRd, running, 1); err != nil {
		t.Fatal(err)
	}
	if err := m.Move(running, failed, 1); err != nil {
		t.Fatal(err)
	}
	if !m.ToleranceExceeded() {
		t.Error("2 failures after the redrive within a count of 1")
	}
}
