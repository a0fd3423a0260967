package maprun

import (
	"crypto/sha1"
	"strings"

	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/uuid"
)

// Label returns the label of a Map Run of the Distributed Map state
// stateName in the state machine stateMachineARN: label itself when the
// state gives one (checked with [execution.ValidateLabel], whose error is
// returned as is), and otherwise a generated label.
//
// AWS generates a label when the state has none, and labelled ARNs then
// carry "<MapRunLabel or UUID>" (spec 4.1, 4.2). The generated label is a
// UUID derived from the unqualified state machine ARN and the state name
// (SHA-1, version 5 layout), so every Map Run of one state shares it, as a
// written label would, and runs are reproducible (docs/decisions.md,
// "generated Map Run labels").
func Label(label, stateMachineARN, stateName string) (string, error) {
	if label != "" {
		if err := execution.ValidateLabel(label); err != nil {
			return "", err
		}
		return label, nil
	}
	return generatedLabel(unqualified(stateMachineARN), stateName), nil
}

// generatedLabel formats SHA-1(smARN, 0, stateName) as a version-5 UUID.
func generatedLabel(smARN, stateName string) string {
	h := sha1.New()
	h.Write([]byte(smARN))
	h.Write([]byte{0})
	h.Write([]byte(stateName))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return uuid.Format(u)
}

// unqualified drops a version or alias qualifier from a state machine ARN,
// so Map Runs started through a version or alias get the same label.
func unqualified(smARN string) string {
	a, err := execution.ParseARN(smARN)
	if err != nil || a.Kind != execution.KindStateMachine {
		return smARN
	}
	return execution.StateMachineARN(a.Partition, a.Region, a.Account, a.Name)
}

// ARNs returns the ARN of the Map Run with id (a UUID) of the state machine
// smARN under label, …:mapRun:<sm>/<label>:<id>, and the labelled state
// machine ARN ListMapRuns reports for it, …:stateMachine:<sm>/<label>
// (spec 4.1). Both come from the execution package's builders.
func ARNs(smARN, label, id string) (mapRunARN, labelledStateMachineARN string) {
	return execution.MapRunARN(smARN, label, id), execution.LabelledStateMachineARN(smARN, label)
}

// ID returns the id part of a Map Run ARN: the text after its last colon.
// ResultWriter writes under <prefix>/<id>/.
func ID(mapRunARN string) string {
	return mapRunARN[strings.LastIndexByte(mapRunARN, ':')+1:]
}
