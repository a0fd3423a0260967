package history_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// fullEvent returns an event of a type using field, with that member and the
// timestamp filled from seed.
func fullEvent(t *testing.T, field string, seed int) types.HistoryEvent {
	t.Helper()
	e := ev(typeFor(t, field), 0, newDetails(field, seed))
	e.Id = 1
	fill(reflect.ValueOf(&e.Timestamp).Elem(), seed)
	return e
}

func TestCloneSharesNothing(t *testing.T) {
	t.Parallel()
	for field := range detailsFields() {
		t.Run(field, func(t *testing.T) {
			t.Parallel()
			orig := fullEvent(t, field, 7)
			c := history.Clone(orig)
			if d := diff(orig, c); d != "" {
				t.Fatalf("Clone() differs (-orig +clone):\n%s", d)
			}
			if paths := shared("event", reflect.ValueOf(orig), reflect.ValueOf(c)); len(paths) > 0 {
				t.Errorf("Clone() shares %v with the original", paths)
			}
			mutate(reflect.ValueOf(&c).Elem())
			if d := diff(fullEvent(t, field, 7), orig); d != "" {
				t.Errorf("mutating the clone changed the original (-want +got):\n%s", d)
			}
		})
	}
}

func TestCloneEveryMemberAtOnce(t *testing.T) {
	t.Parallel()
	// Clone copies every member that is set, not only the one its type uses.
	var orig types.HistoryEvent
	fill(reflect.ValueOf(&orig).Elem(), 3)
	c := history.Clone(orig)
	if d := diff(orig, c); d != "" {
		t.Fatalf("Clone() differs (-orig +clone):\n%s", d)
	}
	if paths := shared("event", reflect.ValueOf(orig), reflect.ValueOf(c)); len(paths) > 0 {
		t.Errorf("Clone() shares %v with the original", paths)
	}
}

func TestCloneZero(t *testing.T) {
	t.Parallel()
	if d := diff(types.HistoryEvent{}, history.Clone(types.HistoryEvent{})); d != "" {
		t.Errorf("Clone(zero) (-want +got):\n%s", d)
	}
}

// TestPageDoesNotAliasLog mutates every page event, for every details type,
// and checks the log still holds what was appended.
func TestPageDoesNotAliasLog(t *testing.T) {
	t.Parallel()
	for field := range detailsFields() {
		t.Run(field, func(t *testing.T) {
			t.Parallel()
			typ := typeFor(t, field)
			l := history.NewLog(0)
			if _, err := l.Append(typ, 0, t0, newDetails(field, 11)); err != nil {
				t.Fatal(err)
			}
			want, _ := l.Event(1)
			want = history.Clone(want)
			for _, include := range []bool{true, false} {
				page, _, err := l.Page(history.PageRequest{IncludeExecutionData: include})
				if err != nil || len(page) != 1 {
					t.Fatalf("Page() = %d events, %v", len(page), err)
				}
				got, _ := l.Event(1)
				if paths := shared("event", reflect.ValueOf(got), reflect.ValueOf(page[0])); len(paths) > 0 {
					t.Errorf("Page(include=%v) shares %v with the log", include, paths)
				}
				mutate(reflect.ValueOf(&page[0]).Elem())
				got, _ = l.Event(1)
				if d := diff(want, got); d != "" {
					t.Errorf("mutating a Page(include=%v) event changed the log (-want +got):\n%s", include, d)
				}
			}
		})
	}
}
