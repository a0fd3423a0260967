package history_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// frozenCase builds a log of n events of every kind a frozen log packs
// differently: states named by a machine's Names and by text, texts new,
// repeated, empty and larger than an arena chunk, shared details, owned
// details, links to the event before and to others, and changes of time.
func frozenCase(t *testing.T, n int) *history.Log {
	t.Helper()
	names := make([]string, 300) // indexes past a byte and past 2^7 in a uvarint
	for i := range names {
		names[i] = fmt.Sprintf("S%03d", i)
	}
	tbl := history.NewNames(names)
	large := `"` + strings.Repeat("x", 70<<10) + `"`
	l := history.NewLog(0)
	at := t0
	for i := range n {
		id := int64(l.Len()) + 1
		prev := id - 1
		if i%11 == 5 {
			prev = id / 2 // a link apart
		}
		if i%13 == 0 {
			at = at.Add(time.Duration(i) * time.Millisecond)
		}
		text := fmt.Sprintf(`{"i":%d}`, i/3) // each text three times in a row
		switch i % 17 {
		case 3:
			text = ""
		case 7:
			text = large
		case 9:
			text = `{"i":0}` // an older text, stored again: a place behind the last
		}
		var err error
		switch i % 6 {
		case 0, 1:
			_, err = l.AppendText(types.HistoryEventTypePassStateEntered, prev, at, tbl.At((i*37)%len(names)), text)
		case 2:
			_, err = l.AppendText(types.HistoryEventTypeTaskStateExited, prev, at, aws.String(fmt.Sprintf("Named%d", i)), text)
		case 3:
			_, err = l.AppendText(types.HistoryEventTypeTaskScheduled, prev, at,
				&types.TaskScheduledEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda"), Region: aws.String("us-east-1")}, text)
		case 4:
			_, err = l.Append(types.HistoryEventTypeTaskStarted, prev, at,
				&types.TaskStartedEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")})
		default:
			_, err = l.AppendOwned(types.HistoryEventTypeTaskFailed, prev, at,
				&types.TaskFailedEventDetails{Error: aws.String("E"), Cause: aws.String(fmt.Sprint(i))})
		}
		if err != nil {
			t.Fatalf("event %d: %v", id, err)
		}
	}
	return l
}

// A frozen log reads exactly as it did: every event by Event and by
// Events, and every page, forward and in reverse, of sizes that start and
// end inside blocks and across them, with and without the execution data.
func TestFreezeReadsTheSame(t *testing.T) {
	t.Parallel()
	for _, n := range []int{1, 63, 64, 65, 128, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			l := frozenCase(t, n)
			events := l.Events()
			pages := allPages(t, l)
			l.Freeze()
			if d := diff(events, l.Events()); d != "" {
				t.Fatalf("Events (-before +after Freeze):\n%s", d)
			}
			for id := int64(1); id <= int64(n); id++ {
				e, ok := l.Event(id)
				if d := diff(events[id-1], e); !ok || d != "" {
					t.Fatalf("Event(%d) (-before +after Freeze):\n%s", id, d)
				}
			}
			if d := diff(pages, allPages(t, l)); d != "" {
				t.Fatalf("pages (-before +after Freeze):\n%s", d)
			}
			if l.Len() != n || l.Size().Events != n {
				t.Errorf("Len %d, Size %+v; want %d events", l.Len(), l.Size(), n)
			}
		})
	}
}

// allPages reads l whole in pages of several sizes, both ways, with and
// without the execution data.
func allPages(t *testing.T, l *history.Log) [][]types.HistoryEvent {
	t.Helper()
	var all [][]types.HistoryEvent
	for _, size := range []int{1, 7, 64, 65, 100} {
		if size == 1 && l.Len() > 200 {
			continue // a page a block boundary is read at each event: the short histories cover it
		}
		for _, reverse := range []bool{false, true} {
			for _, data := range []bool{false, true} {
				token := ""
				for {
					page, next, err := l.Page(history.PageRequest{MaxResults: size, NextToken: token, Reverse: reverse, IncludeExecutionData: data})
					if err != nil {
						t.Fatalf("Page = %v", err)
					}
					all = append(all, page)
					if next == "" {
						break
					}
					token = next
				}
			}
		}
	}
	return all
}

// A frozen log refuses every append with ErrFrozen and stays as it was;
// an empty log frozen too.
func TestFrozenLogRefusesAppends(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 40} {
		l := frozenCase(t, n)
		l.Freeze()
		l.Freeze() // again: nothing more
		appends := map[string]func() error{
			"Append": func() error {
				_, err := l.Append(types.HistoryEventTypeTaskStarted, 0, t0, &types.TaskStartedEventDetails{Resource: aws.String("r")})
				return err
			},
			"AppendOwned": func() error {
				_, err := l.AppendOwned(types.HistoryEventTypeTaskFailed, 0, t0, &types.TaskFailedEventDetails{})
				return err
			},
			"AppendText": func() error {
				_, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(n), t0, aws.String("S"), "{}")
				return err
			},
		}
		for name, f := range appends {
			if err := f(); !errors.Is(err, history.ErrFrozen) {
				t.Errorf("%d events: %s on a frozen log = %v, want ErrFrozen", n, name, err)
			}
		}
		if l.Len() != n {
			t.Errorf("the frozen log holds %d events, want %d", l.Len(), n)
		}
	}
}

// Entries that repeat one a few before them pack into a byte, the text of
// one that has a text being the last: here each Task's Scheduled and
// Started events repeat the previous Task's, whose Scheduled event had
// another text. A frozen log of them reads as it did, whichever distance
// back, in any block.
func TestFreezeRepeats(t *testing.T) {
	t.Parallel()
	names := make([]string, 40)
	for i := range names {
		names[i] = fmt.Sprintf("T%02d", i)
	}
	tbl := history.NewNames(names)
	sched := &types.TaskScheduledEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda"), Region: aws.String("us-east-1")}
	started := &types.TaskStartedEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	done := &types.TaskSucceededEventDetails{Resource: aws.String("invoke"), ResourceType: aws.String("lambda")}
	for _, gap := range []int{0, 1, 2, 3, 4} { // Pass states between the Tasks: repeats from 5 to 9 back
		t.Run(fmt.Sprint(gap), func(t *testing.T) {
			t.Parallel()
			l := history.NewLog(0)
			must := func(id int64, err error) int64 {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
				return id
			}
			prev, input := int64(0), `{"i":-1}`
			for i := range names {
				for p := range gap {
					prev = must(l.AppendText(types.HistoryEventTypePassStateEntered, prev, t0, tbl.At((i+p)%len(names)), input))
					prev = must(l.AppendText(types.HistoryEventTypePassStateExited, prev, t0, tbl.At((i+p)%len(names)), input))
				}
				id := must(l.AppendText(types.HistoryEventTypeTaskStateEntered, prev, t0, tbl.At(i), input))
				must(l.AppendText(types.HistoryEventTypeTaskScheduled, id, t0, sched, input))
				must(l.AppendOwned(types.HistoryEventTypeTaskStarted, id+1, t0, started)) // shared: it repeats too
				output := fmt.Sprintf(`{"i":%d}`, i)                                      // another text at every Task
				must(l.AppendText(types.HistoryEventTypeTaskSucceeded, id+2, t0, done, output))
				prev = must(l.AppendText(types.HistoryEventTypeTaskStateExited, id+3, t0, tbl.At(i), output))
				input = output
			}
			events := l.Events()
			pages := allPages(t, l)
			l.Freeze()
			if d := diff(events, l.Events()); d != "" {
				t.Fatalf("Events (-before +after Freeze):\n%s", d)
			}
			if d := diff(pages, allPages(t, l)); d != "" {
				t.Fatalf("pages (-before +after Freeze):\n%s", d)
			}
		})
	}
}
