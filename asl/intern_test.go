package asl_test

import (
	"testing"
	"unsafe"

	"github.com/sfnmem/sfnmem/asl"
)

// Task states that name the same Resource share one string, in Parallel
// branches and Map item processors too, so that comparing them at every
// task reads no bytes; other resources keep their own.
func TestParseSharesEqualResources(t *testing.T) {
	t.Parallel()
	const fn = "arn:aws:lambda:us-east-1:123456789012:function:f"
	def, err := asl.Parse(`{"StartAt":"A","States":{
		"A":{"Type":"Task","Resource":"` + fn + `","Next":"P"},
		"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{
			"B":{"Type":"Task","Resource":"` + fn + `","End":true}}}],"Next":"M"},
		"M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{
			"I":{"Type":"Task","Resource":"` + fn + `","End":true}}},"Next":"G"},
		"G":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:g","End":true}}}`)
	if err != nil {
		t.Fatal(err)
	}
	a := def.States["A"].Resource
	for _, res := range []string{
		def.States["P"].Branches[0].States["B"].Resource,
		def.States["M"].ItemProcessor.States["I"].Resource,
	} {
		if res != fn || unsafe.StringData(res) != unsafe.StringData(a) {
			t.Errorf("resource %q does not share A's string", res)
		}
	}
	if g := def.States["G"].Resource; unsafe.StringData(g) == unsafe.StringData(a) {
		t.Errorf("G's resource %q shares A's string", g)
	}
}
