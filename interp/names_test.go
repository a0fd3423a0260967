package interp

import (
	"testing"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
)

// The events of a parsed machine's states share the machine's names, one
// table for every run of the machine (and for its branches and
// iterations), so that no history stores a state's name; a state those
// names do not hold, in a definition not made by asl.Parse, shares its own
// name.
func TestStatesShareTheMachinesNames(t *testing.T) {
	t.Parallel()
	r, cfg := snapStart(t, snapParallelWait)
	other, _ := snapStart(t, snapParallelWait)
	res := &Resources{}
	cfg.Resources = res
	a, err := Start(cfg, snapT0)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Start(cfg, snapT0)
	if err != nil {
		t.Fatal(err)
	}
	if a.names == nil || a.names != b.names {
		t.Fatalf("two runs sharing Resources have names %p and %p, want one table", a.names, b.names)
	}
	if r.names == nil || r.names == other.names {
		t.Errorf("runs with their own Resources share names %p", r.names)
	}
	def := cfg.Definition
	branch := def.States["Both"].Branches[1]
	for _, st := range []*asl.State{def.States["Both"], def.States["Call"], branch.States["Slow"]} {
		nm, ok := a.stateName(st).(*history.Name)
		if !ok || nm.String() != st.Name {
			t.Errorf("stateName(%s) = %v, want its *history.Name", st.Name, a.stateName(st))
		}
	}
	loose := &asl.State{Name: "Loose", Index: 1} // Index 1 names another state
	if got, ok := a.stateName(loose).(*string); !ok || *got != "Loose" {
		t.Errorf("stateName of a state not in the names = %v, want its own name", a.stateName(loose))
	}
	if got, ok := (&Run{}).stateName(loose).(*string); !ok || *got != "Loose" {
		t.Errorf("stateName without names = %v, want the state's own name", got)
	}
}
