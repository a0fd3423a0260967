package asl_test

import (
	"testing"

	"github.com/sfnmem/sfnmem/asl"
)

// Every state of a machine, nested ones too, has its name at its Index in
// StateNames, which every definition of the machine shares.
func TestStateNamesIndexEveryState(t *testing.T) {
	t.Parallel()
	def, err := asl.Parse(`{"StartAt":"P","States":{
		"P":{"Type":"Parallel","Branches":[
			{"StartAt":"B1","States":{"B1":{"Type":"Pass","Next":"B2"},"B2":{"Type":"Succeed"}}},
			{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
		],"Next":"Done"},
		"Done":{"Type":"Succeed"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var walk func(d *asl.Definition)
	walk = func(d *asl.Definition) {
		if len(d.StateNames) == 0 || &d.StateNames[0] != &def.StateNames[0] {
			t.Fatalf("a nested definition has its own StateNames %v", d.StateNames)
		}
		for name, st := range d.States {
			if st.Index < 0 || st.Index >= len(d.StateNames) || d.StateNames[st.Index] != name {
				t.Errorf("state %s has Index %d in %v", name, st.Index, d.StateNames)
			}
			seen[name] = true
			for _, b := range st.Branches {
				walk(b)
			}
			if st.ItemProcessor != nil {
				walk(st.ItemProcessor)
			}
		}
	}
	walk(def)
	if len(seen) != 6 || len(def.StateNames) != 6 {
		t.Errorf("saw %d states, StateNames %v; want the 6 states once each", len(seen), def.StateNames)
	}
}
