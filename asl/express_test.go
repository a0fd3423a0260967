package asl

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExpressProblems(t *testing.T) {
	t.Parallel()
	def := mustParse(t, `{"StartAt":"A","States":{
		"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Next":"B"},
		"B":{"Type":"Parallel","Next":"C","Branches":[{"StartAt":"Act","States":{
		  "Act":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:work","End":true}}}]},
		"C":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:ok","End":true}}}`)
	want := []Problem{
		{Code: CodeSchemaValidationFailed, Message: "Express state machine does not support '.sync' service integration", Location: "/States/A/Resource"},
		{Code: CodeSchemaValidationFailed, Message: "Express state machine does not support Activity ARN", Location: "/States/B/Branches[0]/States/Act/Resource"},
	}
	if diff := cmp.Diff(want, def.ExpressProblems()); diff != "" {
		t.Errorf("ExpressProblems (-want +got):\n%s", diff)
	}
}
