package interp

import (
	"slices"
	"testing"
)

// openTasks holds any number of open tasks, the first one aside from the
// maps, and finds (by token and by id), removes and lists each of them
// whatever the order.
func TestOpenTasks(t *testing.T) {
	t.Parallel()
	var o openTasks
	open := map[string]bool{}
	idOf := func(tok string) int64 { return int64(tok[0]) } // a task's id, as the run gives it
	check := func(step string) {
		t.Helper()
		if o.len() != len(open) {
			t.Fatalf("%s: len %d, want %d", step, o.len(), len(open))
		}
		var want []string
		for tok := range open {
			want = append(want, tok)
			if got, ok := o.get(tok); !ok || got.token != tok {
				t.Fatalf("%s: get(%s) = %v, %v", step, tok, got, ok)
			}
			if got, ok := o.getID(idOf(tok)); !ok || got.token != tok {
				t.Fatalf("%s: getID(%d) = %v, %v", step, idOf(tok), got, ok)
			}
		}
		got := o.tokens()
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("%s: tokens %v, want %v", step, got, want)
		}
		if _, ok := o.get("closed"); ok {
			t.Fatalf("%s: get(closed) found a task", step)
		}
		for _, tok := range []string{"a", "b", "c", "d", "e", "f"} {
			if _, ok := o.getID(idOf(tok)); ok != open[tok] {
				t.Fatalf("%s: getID(%d) found %v, want %v", step, idOf(tok), ok, open[tok])
			}
		}
	}
	for _, tok := range []string{"a", "b", "c"} {
		o.add(&task{token: tok, id: idOf(tok)})
		open[tok] = true
		check("add " + tok)
	}
	for _, tok := range []string{"a", "closed", "d", "c", "b"} {
		if tok == "d" {
			o.add(&task{token: tok, id: idOf(tok)}) // the aside place is free again
			open[tok] = true
			check("add d")
			continue
		}
		o.remove(tok)
		delete(open, tok)
		check("remove " + tok)
	}
	o.add(&task{token: "e", id: idOf("e")})
	o.add(&task{token: "f", id: idOf("f")})
	o.clear()
	clear(open)
	check("clear")
}
