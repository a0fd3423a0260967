package history_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

func BenchmarkAppend(b *testing.B) {
	d := &types.StateEnteredEventDetails{Name: aws.String("S"), Input: aws.String(`{"a":1}`)}
	l := history.NewLog(0)
	b.ReportAllocs()
	for i := range b.N {
		if l.Len() == l.Limit() {
			b.StopTimer()
			l = history.NewLog(0)
			b.StartTimer()
		}
		if _, err := l.Append(types.HistoryEventTypeTaskStateEntered, 0, t0.Add(time.Duration(i)), d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendText appends the events of a run of 50 Pass states, as
// the interpreter does: each state's Entered and Exited events, by
// AppendText, into a log sized for them. It reports the cost of one event
// and the bytes the log allocated for it, with every event at one instant
// (a step on a test's clock) and with each a millisecond after the last (the
// worst case for the log's list of times).
func BenchmarkAppendText(b *testing.B) {
	names := make([]string, 50)
	for i := range names {
		names[i] = fmt.Sprintf("P%02d", i)
	}
	const data = `{"k":"v"}`
	for _, tick := range []time.Duration{0, time.Millisecond} {
		b.Run(fmt.Sprintf("tick=%v", tick), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l := history.NewLogSized(0, history.Size{Events: 2 * len(names)})
				prev, at := int64(0), t0
				for i := range names {
					id, err := l.AppendText(types.HistoryEventTypePassStateEntered, prev, at, &names[i], data)
					if err != nil {
						b.Fatal(err)
					}
					at = at.Add(tick)
					if prev, err = l.AppendText(types.HistoryEventTypePassStateExited, id, at, &names[i], data); err != nil {
						b.Fatal(err)
					}
					at = at.Add(tick)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*2*len(names)), "ns/event")
		})
	}
}

// BenchmarkPage reads one page of 100 events. Its cost must not depend on
// the history's length: compare the 250 and 25000 cases.
func BenchmarkPage(b *testing.B) {
	for _, n := range []int{250, history.DefaultLimit} {
		l := logOf(b, n)
		_, fwd, _ := l.Page(history.PageRequest{})
		_, rev, _ := l.Page(history.PageRequest{Reverse: true})
		// The token for the last forward page, found by walking once.
		last := fwd
		for req := (history.PageRequest{NextToken: fwd}); ; {
			_, next, err := l.Page(req)
			if err != nil {
				b.Fatal(err)
			}
			if next == "" {
				break
			}
			last, req.NextToken = next, next
		}
		cases := []struct {
			name string
			req  history.PageRequest
		}{
			{"forward/first", history.PageRequest{IncludeExecutionData: true}},
			{"forward/second", history.PageRequest{NextToken: fwd, IncludeExecutionData: true}},
			{"forward/last", history.PageRequest{NextToken: last, IncludeExecutionData: true}},
			{"reverse/first", history.PageRequest{Reverse: true, IncludeExecutionData: true}},
			{"reverse/second", history.PageRequest{Reverse: true, NextToken: rev, IncludeExecutionData: true}},
			{"forward/no-data", history.PageRequest{NextToken: fwd}},
		}
		for _, c := range cases {
			b.Run(fmt.Sprintf("events=%d/%s", n, c.name), func(b *testing.B) {
				b.ReportAllocs()
				for range b.N {
					if _, _, err := l.Page(c.req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
