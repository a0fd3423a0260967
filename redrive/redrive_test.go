package redrive_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/redrive"
)

// now is the fixed time every Check test runs at.
var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// failed returns a Subject that Check finds redrivable at now: a FAILED
// Standard execution of an ACTIVE machine, started a day and stopped an hour
// before now, with a short history.
func failed() redrive.Subject {
	return redrive.Subject{
		Type:          types.StateMachineTypeStandard,
		Status:        types.ExecutionStatusFailed,
		StartDate:     now.Add(-24 * time.Hour),
		StopDate:      now.Add(-time.Hour),
		Events:        6,
		EventLimit:    25000,
		MachineStatus: types.StateMachineStatusActive,
	}
}

func TestCheck(t *testing.T) {
	t.Parallel()
	const day = 24 * time.Hour
	tests := []struct {
		name string
		edit func(*redrive.Subject)
		now  time.Time
		want redrive.Reason
	}{
		{"failed inside window", func(s *redrive.Subject) {}, now, redrive.ReasonNone},
		{"aborted is redrivable", func(s *redrive.Subject) { s.Status = types.ExecutionStatusAborted }, now, redrive.ReasonNone},
		{"timed out is redrivable", func(s *redrive.Subject) { s.Status = types.ExecutionStatusTimedOut }, now, redrive.ReasonNone},
		{"zero type counts as standard", func(s *redrive.Subject) { s.Type = "" }, now, redrive.ReasonNone},

		{"deleting machine", func(s *redrive.Subject) { s.MachineStatus = types.StateMachineStatusDeleting }, now, redrive.ReasonDeleting},
		{"running of a deleting machine reports deleting", func(s *redrive.Subject) {
			s.MachineStatus = types.StateMachineStatusDeleting
			s.Status = types.ExecutionStatusRunning
		}, now, redrive.ReasonDeleting},

		{"running", func(s *redrive.Subject) { s.Status = types.ExecutionStatusRunning }, now, redrive.ReasonRunning},
		{"pending redrive counts as running", func(s *redrive.Subject) { s.Status = types.ExecutionStatusPendingRedrive }, now, redrive.ReasonRunning},
		{"running started before launch reports running", func(s *redrive.Subject) {
			s.Status = types.ExecutionStatusRunning
			s.StartDate = redrive.Launch.Add(-time.Second)
		}, now, redrive.ReasonRunning},

		{"succeeded", func(s *redrive.Subject) { s.Status = types.ExecutionStatusSucceeded }, now, redrive.ReasonSucceeded},
		{"succeeded long ago reports succeeded", func(s *redrive.Subject) {
			s.Status = types.ExecutionStatusSucceeded
			s.StopDate = now.Add(-100 * day)
		}, now, redrive.ReasonSucceeded},

		{"started 2023-11-14T23:59:59Z", func(s *redrive.Subject) {
			s.StartDate = time.Date(2023, 11, 14, 23, 59, 59, 0, time.UTC)
			s.StopDate = s.StartDate.Add(time.Second)
		}, time.Date(2023, 11, 15, 1, 0, 0, 0, time.UTC), redrive.ReasonBeforeLaunch},
		{"started 2023-11-15T00:00:00Z", func(s *redrive.Subject) {
			s.StartDate = time.Date(2023, 11, 15, 0, 0, 0, 0, time.UTC)
			s.StopDate = s.StartDate.Add(time.Second)
		}, time.Date(2023, 11, 15, 1, 0, 0, 0, time.UTC), redrive.ReasonNone},
		{"launch compared as an instant, not a wall date", func(s *redrive.Subject) {
			// 2023-11-14T20:00 in UTC-5 is 2023-11-15T01:00Z.
			s.StartDate = time.Date(2023, 11, 14, 20, 0, 0, 0, time.FixedZone("EST", -5*3600))
			s.StopDate = s.StartDate.Add(time.Second)
		}, time.Date(2023, 11, 15, 2, 0, 0, 0, time.UTC), redrive.ReasonNone},
		{"zero start date is before launch", func(s *redrive.Subject) { s.StartDate = time.Time{} }, now, redrive.ReasonBeforeLaunch},
		{"before launch beats event limit and expiry", func(s *redrive.Subject) {
			s.StartDate = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
			s.StopDate = s.StartDate
			s.Events = 25000
		}, now, redrive.ReasonBeforeLaunch},

		{"24,998 events of 25,000 leaves room", func(s *redrive.Subject) { s.Events = 24998 }, now, redrive.ReasonNone},
		{"24,999 events of 25,000", func(s *redrive.Subject) { s.Events = 24999 }, now, redrive.ReasonEventLimit},
		{"25,000 events of 25,000", func(s *redrive.Subject) { s.Events = 25000 }, now, redrive.ReasonEventLimit},
		{"zero limit means 25,000: 24,998 ok", func(s *redrive.Subject) { s.EventLimit = 0; s.Events = 24998 }, now, redrive.ReasonNone},
		{"zero limit means 25,000: 24,999 not", func(s *redrive.Subject) { s.EventLimit = 0; s.Events = 24999 }, now, redrive.ReasonEventLimit},
		{"small limit: 8 of 10 ok", func(s *redrive.Subject) { s.EventLimit = 10; s.Events = 8 }, now, redrive.ReasonNone},
		{"small limit: 9 of 10 not", func(s *redrive.Subject) { s.EventLimit = 10; s.Events = 9 }, now, redrive.ReasonEventLimit},
		{"event limit beats max time and expiry", func(s *redrive.Subject) {
			s.Events = 24999
			s.StartDate = now.Add(-400 * day)
			s.StopDate = now.Add(-30 * day)
		}, now, redrive.ReasonEventLimit},

		{"open exactly 365 days", func(s *redrive.Subject) {
			s.StartDate = now.Add(-redrive.MaxOpen)
		}, now, redrive.ReasonNone},
		{"open 365 days and 1ns", func(s *redrive.Subject) {
			s.StartDate = now.Add(-redrive.MaxOpen - time.Nanosecond)
		}, now, redrive.ReasonMaxExecutionTime},
		{"max time measured from original start across redrives", func(s *redrive.Subject) {
			// Started 366 days ago, failed again (after a redrive) 1 day ago.
			s.StartDate = now.Add(-366 * day)
			s.StopDate = now.Add(-day)
		}, now, redrive.ReasonMaxExecutionTime},
		{"max time beats expiry", func(s *redrive.Subject) {
			s.StartDate = now.Add(-366 * day)
			s.StopDate = now.Add(-20 * day)
		}, now, redrive.ReasonMaxExecutionTime},

		{"closed 13 days ago", func(s *redrive.Subject) { s.StopDate = now.Add(-13 * day) }, now, redrive.ReasonNone},
		{"closed exactly 14 days ago", func(s *redrive.Subject) {
			s.StartDate = now.Add(-20 * day)
			s.StopDate = now.Add(-redrive.Period)
		}, now, redrive.ReasonNone},
		{"closed 14 days and 1ns ago", func(s *redrive.Subject) {
			s.StartDate = now.Add(-20 * day)
			s.StopDate = now.Add(-redrive.Period - time.Nanosecond)
		}, now, redrive.ReasonExpired},
		{"zero stop date of a closed execution is expired", func(s *redrive.Subject) { s.StopDate = time.Time{} }, now, redrive.ReasonExpired},
		{"expiry beats express", func(s *redrive.Subject) {
			s.Type = types.StateMachineTypeExpress
			s.StopDate = now.Add(-15 * day)
		}, now, redrive.ReasonExpired},

		{"express", func(s *redrive.Subject) { s.Type = types.StateMachineTypeExpress }, now, redrive.ReasonExpress},
		{"running express reports running", func(s *redrive.Subject) {
			s.Type = types.StateMachineTypeExpress
			s.Status = types.ExecutionStatusRunning
		}, now, redrive.ReasonRunning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := failed()
			tt.edit(&s)
			if got := redrive.Check(s, tt.now); got != tt.want {
				t.Errorf("Check(%+v, %v) = %v (%d), want %v (%d)", s, tt.now, got, got, tt.want, tt.want)
			}
		})
	}
}

func TestReasonString(t *testing.T) {
	t.Parallel()
	// The texts AWS documents for redriveStatusReason (spec 1.6), and ours for
	// Express executions.
	want := map[redrive.Reason]string{
		redrive.ReasonNone:             "",
		redrive.ReasonDeleting:         "State machine is in DELETING status",
		redrive.ReasonRunning:          "Execution is RUNNING and cannot be redriven",
		redrive.ReasonSucceeded:        "Execution is SUCCEEDED and cannot be redriven",
		redrive.ReasonBeforeLaunch:     "Execution was started before the launch of RedriveExecution",
		redrive.ReasonEventLimit:       "Execution history event limit exceeded",
		redrive.ReasonMaxExecutionTime: "Execution has exceeded the max execution time",
		redrive.ReasonExpired:          "Execution redrivable period exceeded",
		redrive.ReasonExpress:          "Execution is EXPRESS and cannot be redriven",
		redrive.Reason(99):             "redrive.Reason(99)",
		redrive.Reason(-1):             "redrive.Reason(-1)",
	}
	got := map[redrive.Reason]string{}
	for r := range want {
		got[r] = r.String()
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reason.String() mismatch (-want +got):\n%s", diff)
	}
}

func TestStatus(t *testing.T) {
	t.Parallel()
	want := map[redrive.Reason]types.ExecutionRedriveStatus{redrive.ReasonNone: types.ExecutionRedriveStatusRedrivable}
	for r := redrive.ReasonDeleting; r <= redrive.ReasonExpress; r++ {
		want[r] = types.ExecutionRedriveStatusNotRedrivable
	}
	want[redrive.Reason(99)] = types.ExecutionRedriveStatusNotRedrivable
	got := map[redrive.Reason]types.ExecutionRedriveStatus{}
	for r := range want {
		got[r] = redrive.Status(r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Status mismatch (-want +got):\n%s", diff)
	}
}

func BenchmarkCheck(b *testing.B) {
	s := failed()
	for b.Loop() {
		if redrive.Check(s, now) != redrive.ReasonNone {
			b.Fatal("not redrivable")
		}
	}
}
