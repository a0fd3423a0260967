package redrive_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/redrive"
)

const benchEvents = 20000

// linearHistory is a benchEvents-event history of a top-level loop: a Pass
// state entered and exited again and again, then a Task that fails, redriven
// once and failing again.
func linearHistory(tb testing.TB) []types.HistoryEvent {
	var b strings.Builder
	b.WriteString("1:ExecutionStarted<0\n")
	id := 2
	for id < benchEvents-10 {
		fmt.Fprintf(&b, "%d:PassStateEntered<%d Step {}\n%d:PassStateExited<%d Step\n", id, id-1, id+1, id)
		id += 2
	}
	fmt.Fprintf(&b, "%d:TaskStateEntered<%d Call {}\n%d:TaskScheduled<%d\n%d:TaskStarted<%d\n%d:TaskFailed<%d\n%d:ExecutionFailed<%d\n",
		id, id-1, id+1, id, id+2, id+1, id+3, id+2, id+4, id+3)
	id += 5
	fmt.Fprintf(&b, "%d:ExecutionRedriven<%d\n%d:TaskScheduled<%d\n%d:TaskStarted<%d\n%d:TaskFailed<%d\n%d:ExecutionFailed<%d\n",
		id, id-1, id+1, id, id+2, id+1, id+3, id+2, id+4, id+3)
	return hist(tb, b.String())
}

// mapHistory is a benchEvents-event history whose one top-level state, an
// inline Map entered at event 2, runs iterations until one fails: the worst
// case for PlanFromTop, which must scan back to the Map's Entered event.
func mapHistory(tb testing.TB) []types.HistoryEvent {
	var b strings.Builder
	b.WriteString("1:ExecutionStarted<0\n2:MapStateEntered<0 Map []\n3:MapStateStarted<2\n")
	id := 4
	for id < benchEvents-6 {
		fmt.Fprintf(&b, "%d:MapIterationStarted<3\n%d:PassStateEntered<%d Item {}\n%d:PassStateExited<%d Item\n%d:MapIterationSucceeded<%d\n",
			id, id+1, id, id+2, id+1, id+3, id+2)
		id += 4
	}
	fmt.Fprintf(&b, "%d:MapIterationStarted<3\n%d:FailStateEntered<%d Boom\n%d:MapIterationFailed<%d\n%d:MapStateFailed<%d\n%d:ExecutionFailed<%d\n",
		id, id+1, id, id+2, id+1, id+3, id+1, id+4, id+3)
	return hist(tb, b.String())
}

func TestBenchHistories(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		events []types.HistoryEvent
		top    map[string]bool
		want   string
	}{
		{"linear", linearHistory(t), map[string]bool{"Step": true, "Call": true}, "Call"},
		{"map", mapHistory(t), map[string]bool{"Map": true}, "Map"},
	} {
		if n := len(tt.events); n < benchEvents-10 || n > benchEvents {
			t.Errorf("%s history has %d events, want about %d", tt.name, n, benchEvents)
		}
		for i, e := range tt.events {
			if e.Id != int64(i+1) {
				t.Fatalf("%s history: event %d has id %d", tt.name, i+1, e.Id)
			}
		}
		p1, err1 := redrive.PlanFrom(tt.events)
		p2, err2 := redrive.PlanFromTop(tt.events, tt.top)
		if err1 != nil || err2 != nil || p1.State != tt.want || p1 != p2 {
			t.Errorf("%s: PlanFrom = %+v, %v; PlanFromTop = %+v, %v; want state %s from both", tt.name, p1, err1, p2, err2, tt.want)
		}
	}
}

func BenchmarkPlanFrom(b *testing.B) {
	for _, bb := range []struct {
		name   string
		events []types.HistoryEvent
	}{{"linear20k", linearHistory(b)}, {"map20k", mapHistory(b)}} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := redrive.PlanFrom(bb.events); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPlanFromTop(b *testing.B) {
	for _, bb := range []struct {
		name   string
		events []types.HistoryEvent
		top    map[string]bool
	}{
		{"linear20k", linearHistory(b), map[string]bool{"Step": true, "Call": true}},
		{"map20k", mapHistory(b), map[string]bool{"Map": true}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := redrive.PlanFromTop(bb.events, bb.top); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRedrives(b *testing.B) {
	events := linearHistory(b)
	for b.Loop() {
		if redrive.Redrives(events) != 1 {
			b.Fatal("want 1 redrive")
		}
	}
}
