package idmap

import (
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMapBehavesLikeAGoMap drives a Map and a Go map with the same random
// operations, on few ids (so entries move between the inline slots and the
// overflow map), and compares them after every step.
func TestMapBehavesLikeAGoMap(t *testing.T) {
	t.Parallel()
	rnd := rand.New(rand.NewPCG(1, 2))
	var m Map[string]
	want := map[int64]string{}
	for step := range 20000 {
		id := rnd.Int64N(6) + 1
		switch op := rnd.IntN(10); {
		case op < 5:
			v := string(rune('a' + rnd.IntN(26)))
			m.Set(id, v)
			want[id] = v
		case op < 9:
			m.Delete(id)
			delete(want, id)
		default:
			m.Clear()
			clear(want)
		}
		got := map[int64]string{}
		m.All(func(k int64, v string) bool { got[k] = v; return true })
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("step %d: entries (-want +got):\n%s", step, diff)
		}
		if m.Len() != len(want) {
			t.Fatalf("step %d: Len %d, want %d", step, m.Len(), len(want))
		}
		for k := int64(0); k <= 7; k++ {
			v, ok := m.Get(k)
			if w, wok := want[k]; v != w || ok != wok {
				t.Fatalf("step %d: Get(%d) = %q, %v, want %q, %v", step, k, v, ok, w, wok)
			}
		}
	}
}

func TestFirstEntriesMakeNoMap(t *testing.T) {
	t.Parallel()
	var m Map[int]
	m.Set(1, 10)
	m.Set(1, 11)
	if m.more != nil {
		t.Fatal("one entry made an overflow map")
	}
	m.Set(2, 20)
	m.Delete(1)
	m.Set(3, 30) // a free inline slot again, and 3 is not in the overflow map
	if len(m.more) != 1 {
		t.Fatalf("overflow holds %d entries, want 1 (2)", len(m.more))
	}
	m.Set(2, 21) // found in the overflow map, although a slot is free
	got := map[int64]int{}
	m.All(func(k int64, v int) bool { got[k] = v; return true })
	if want := map[int64]int{2: 21, 3: 30}; !maps.Equal(got, want) {
		t.Fatalf("entries %v, want %v", got, want)
	}
}

func TestAllStopsWhenAsked(t *testing.T) {
	t.Parallel()
	var m Map[int]
	for id := int64(1); id <= 5; id++ {
		m.Set(id, int(id))
	}
	n := 0
	m.All(func(int64, int) bool { n++; return n < 3 })
	if n != 3 {
		t.Fatalf("yield called %d times, want 3", n)
	}
}

func TestSetRefusesNonPositiveIDs(t *testing.T) {
	t.Parallel()
	for _, id := range []int64{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Set(%d) did not panic", id)
				}
			}()
			var m Map[int]
			m.Set(id, 1)
		}()
	}
}
