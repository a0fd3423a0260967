package sfnmem_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem"
)

// Wherever a history reaches its limit, whichever event would pass it (a
// state's Entered or Exited event, a task's Scheduled, Started or
// Succeeded), the execution fails there with exactly limit events, the
// last ExecutionFailed with States.Runtime; with room for all its events
// it succeeds.
func TestHistoryLimitAtEveryEvent(t *testing.T) {
	t.Parallel()
	def := `{"StartAt":"A","States":{
		"A":{"Type":"Task","Resource":"` + benchPeerTask + `","Next":"B"},
		"B":{"Type":"Task","Resource":"` + benchPeerTask + `","Next":"P"},
		"P":{"Type":"Pass","End":true}}}`
	const full = 1 + 5 + 5 + 2 + 1 // started, two tasks, a Pass, succeeded
	for limit := 3; limit <= full; limit++ {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			t.Parallel()
			e, _ := newEngine(t, sfnmem.WithHistoryLimit(limit))
			e.HandleTask(benchPeerTask, handler(`{"ok":true}`))
			arn := mustStart(t, e, mustCreate(t, e, "m", def), "x", `{}`)
			events := mustEvents(t, e, arn)
			d := mustDescribe(t, e, arn)
			if limit == full {
				if d.Status != types.ExecutionStatusSucceeded || len(events) != full {
					t.Fatalf("status %s with %d events, want SUCCEEDED with %d", d.Status, len(events), full)
				}
				return
			}
			if d.Status != types.ExecutionStatusFailed || len(events) != limit {
				t.Fatalf("status %s with %d events, want FAILED with %d", d.Status, len(events), limit)
			}
			last := events[len(events)-1]
			if last.Type != types.HistoryEventTypeExecutionFailed || aws.ToString(last.ExecutionFailedEventDetails.Error) != "States.Runtime" {
				t.Errorf("last event %s %v, want ExecutionFailed with States.Runtime", last.Type, last.ExecutionFailedEventDetails)
			}
			if want := fmt.Sprintf("The execution reached the maximum number of history events (%d).", limit); aws.ToString(d.Cause) != want {
				t.Errorf("cause %q, want %q", aws.ToString(d.Cause), want)
			}
		})
	}
}
