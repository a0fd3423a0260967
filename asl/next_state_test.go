package asl_test

import (
	"testing"

	"github.com/sfnmem/sfnmem/asl"
)

// Parse resolves every state's Next to the state it names, in the top
// level, in Parallel branches and in Map item processors; a state without
// Next has none.
func TestParseResolvesNextState(t *testing.T) {
	t.Parallel()
	def, err := asl.Parse(`{"StartAt":"A","States":{
		"A":{"Type":"Pass","Next":"P"},
		"P":{"Type":"Parallel","Branches":[{"StartAt":"B1","States":{
			"B1":{"Type":"Pass","Next":"B2"},"B2":{"Type":"Succeed"}}}],"Next":"M"},
		"M":{"Type":"Map","ItemProcessor":{"StartAt":"I1","States":{
			"I1":{"Type":"Wait","Seconds":1,"Next":"I2"},"I2":{"Type":"Pass","End":true}}},"Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"A"}],"Default":"E"},
		"E":{"Type":"Succeed"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(d *asl.Definition)
	seen := 0
	walk = func(d *asl.Definition) {
		for name, st := range d.States {
			seen++
			switch {
			case st.Next == "" && st.NextState != nil:
				t.Errorf("%s: no Next, but NextState %s", name, st.NextState.Name)
			case st.Next != "" && st.NextState != d.States[st.Next]:
				t.Errorf("%s: Next %q resolved to %v", name, st.Next, st.NextState)
			}
			for _, b := range st.Branches {
				walk(b)
			}
			if st.ItemProcessor != nil {
				walk(st.ItemProcessor)
			}
		}
	}
	walk(def)
	if seen != 9 {
		t.Errorf("walked %d states, want 9", seen)
	}
}
