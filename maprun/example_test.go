package maprun_test

import (
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/maprun"
)

// A Map Run of three children with MaxConcurrency 1: two fail, and a redrive
// re-runs them one at a time, the second waiting as PENDING_REDRIVE.
func ExampleMapRun_Move() {
	now := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	m := maprun.New("arn:aws:states:us-east-1:123456789012:mapRun:sm/lbl:1", "parent", "sm/lbl", "lbl", now)
	m.MaxConcurrency = 1
	_ = m.Add(3, 3)
	for _, to := range []types.ExecutionStatus{"SUCCEEDED", "FAILED", "FAILED"} {
		_ = m.Move(maprun.Pending, "RUNNING", 1)
		_ = m.Move("RUNNING", to, 1)
	}
	fmt.Println("exceeded:", m.ToleranceExceeded())
	_ = m.Close(types.MapRunStatusFailed, now)

	_ = m.Redriven(now.Add(time.Hour))
	for range m.Executions.Failed {
		if m.Slots() > 0 {
			_ = m.Move("FAILED", "RUNNING", 1)
		} else {
			_ = m.Move("FAILED", "PENDING_REDRIVE", 1)
		}
	}
	c := m.Executions
	fmt.Printf("failed %d running %d pendingRedrive %d succeeded %d total %d redriveCount %d\n",
		c.Failed, c.Running, c.PendingRedrive, c.Succeeded, c.Total, m.RedriveCount)
	fmt.Println("Check:", maprun.Check(m))
	// Output:
	// exceeded: true
	// failed 0 running 1 pendingRedrive 1 succeeded 1 total 3 redriveCount 1
	// Check: <nil>
}
