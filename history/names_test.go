package history_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/history"
)

// A state's events appended with its *Name from a Names table read back
// exactly like those appended with the name itself, whichever table, name
// or string each event brings: the first table a log meets is the one it
// names by index, and a name from any other is stored as text.
func TestNamesReadLikeNames(t *testing.T) {
	t.Parallel()
	list := []string{"A", "B", "Choose", "A long state name, of the 80 characters a name may have at most......."}
	tbl, other := history.NewNames(list), history.NewNames([]string{"B", "Z"})
	type ev struct {
		shared any
		name   string
	}
	seqs := map[string][]ev{
		"one table":         {{tbl.At(0), "A"}, {tbl.At(0), "A"}, {tbl.At(1), "B"}, {tbl.At(3), list[3]}, {tbl.At(2), "Choose"}},
		"strings":           {{aws.String("A"), "A"}, {aws.String("B"), "B"}},
		"string then table": {{aws.String("A"), "A"}, {tbl.At(1), "B"}, {tbl.At(1), "B"}},
		"two tables":        {{tbl.At(1), "B"}, {other.At(0), "B"}, {other.At(1), "Z"}, {tbl.At(0), "A"}},
		"other table first": {{other.At(1), "Z"}, {tbl.At(2), "Choose"}, {aws.String(""), ""}, {other.At(0), "B"}},
	}
	for desc, seq := range seqs {
		t.Run(desc, func(t *testing.T) {
			t.Parallel()
			byName, whole := history.NewLog(0), history.NewLog(0)
			for i, e := range seq {
				typ := types.HistoryEventTypePassStateEntered
				if i%2 == 1 {
					typ = types.HistoryEventTypePassStateExited
				}
				text := `{"i":1}`
				if _, err := byName.AppendText(typ, int64(i), t0, e.shared, text); err != nil {
					t.Fatalf("event %d: AppendText: %v", i+1, err)
				}
				flag := &types.HistoryEventExecutionDataDetails{}
				var details any = &types.StateEnteredEventDetails{Name: aws.String(e.name), Input: &text, InputDetails: flag}
				if i%2 == 1 {
					details = &types.StateExitedEventDetails{Name: aws.String(e.name), Output: &text, OutputDetails: flag}
				}
				if _, err := whole.Append(typ, int64(i), t0, details); err != nil {
					t.Fatalf("event %d: Append: %v", i+1, err)
				}
			}
			if diff := cmp.Diff(whole.Events(), byName.Events(), sdkOpts); diff != "" {
				t.Errorf("events (-by Append +by AppendText):\n%s", diff)
			}
		})
	}
}

// A *Name shares as a name only for the events of a state: any other type
// refuses it, as it refuses any value it cannot share.
func TestNameOnlyForStateEvents(t *testing.T) {
	t.Parallel()
	l := history.NewLog(0)
	tbl := history.NewNames([]string{"A"})
	if _, err := l.AppendText(types.HistoryEventTypeTaskScheduled, 0, t0, tbl.At(0), "{}"); err == nil {
		t.Error("AppendText(TaskScheduled, *Name) = nil error, want one")
	}
	if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, 0, t0, (*history.Name)(nil), "{}"); err == nil {
		t.Error("AppendText(a nil *Name) = nil error, want one")
	}
	if l.Len() != 0 {
		t.Errorf("the refused events left %d events", l.Len())
	}
	if got := tbl.At(0).String(); got != "A" || tbl.Len() != 1 {
		t.Errorf("At(0) = %q, Len() = %d; want A, 1", got, tbl.Len())
	}
}
