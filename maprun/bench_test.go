package maprun_test

import (
	"testing"

	"github.com/sfnmem/sfnmem/maprun"
)

// BenchmarkMove measures one child's round trip through the counters; it
// must be O(1) and allocation-free.
func BenchmarkMove(b *testing.B) {
	m := maprun.New(runARN, parent, smARN+"/lbl", "lbl", t0)
	if err := m.Add(1, 1); err != nil {
		b.Fatal(err)
	}
	if err := m.Move(pending, running, 1); err != nil {
		b.Fatal(err)
	}
	if err := m.Move(running, failed, 1); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.Move(failed, pendRd, 1)
		_ = m.Move(pendRd, running, 1)
		_ = m.Move(running, failed, 1)
	}
}

// BenchmarkToleranceExceeded evaluates both thresholds on a Map Run of
// 10,000 children, 1% failed; it must not depend on the number of children.
func BenchmarkToleranceExceeded(b *testing.B) {
	m := maprun.New(runARN, parent, smARN+"/lbl", "lbl", t0)
	m.ToleratedFailureCount, m.ToleratedFailureCountSet = 500, true
	m.ToleratedFailurePercentage, m.ToleratedFailurePercentageSet = 33.3, true
	if err := m.Add(10000, 10000); err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		_ = m.Move(pending, running, 1)
		to := ok
		if i%100 == 0 {
			to = failed
		}
		_ = m.Move(running, to, 1)
	}
	b.ReportAllocs()
	for b.Loop() {
		if m.ToleranceExceeded() {
			b.Fatal("100 of 10,000 exceeded 500 / 33.3%")
		}
	}
}

// BenchmarkDescribe builds DescribeMapRun's counters for 10,000 children.
func BenchmarkDescribe(b *testing.B) {
	m := maprun.New(runARN, parent, smARN+"/lbl", "lbl", t0)
	if err := m.Add(10000, 10000); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = m.Executions.SDKExecution()
		_ = m.Items.SDKItems()
	}
}
