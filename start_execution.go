package sfnmem

import (
	"time"

	"context"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/internal/uuid"
	"github.com/sfnmem/sfnmem/interp"
)

// StartExecution starts an execution, as [sfn.Client.StartExecution], and
// runs it as far as it can go without the clock moving (task handlers
// included) before returning. Starting again with the name and input of a
// RUNNING execution returns that execution (AWS's idempotent case); any
// other reuse of a name is ExecutionAlreadyExists. Started by a version ARN
// the execution runs that version; by an alias ARN, a version the alias
// routes to, picked by weight from the engine's seeded source. Either way
// it records the version (and alias) ARN and keeps that definition across
// redrives. optFns are accepted and ignored.
func (e *Engine) StartExecution(ctx context.Context, in *sfn.StartExecutionInput, optFns ...func(*sfn.Options)) (*sfn.StartExecutionOutput, error) {
	const op = "StartExecution"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	input, err := e.checkStart(op, in)
	if err != nil {
		return nil, err
	}
	d := &driver{e: e}
	out, err := e.startExecution(op, in, input, false, d)
	if err != nil {
		return nil, err
	}
	d.run(ctx)
	return out, nil
}

// checkStart validates what StartExecution and StartSyncExecution can check
// without the engine's state, and returns the input (default "{}")
// decoded.
func (e *Engine) checkStart(op string, in *sfn.StartExecutionInput) (*decodedInput, error) {
	input := "{}"
	if in.Input != nil {
		input = *in.Input
	}
	value, err := e.decodeInput(op, input)
	if err != nil {
		return nil, err
	}
	if in.Name != nil {
		if err := execution.ValidateName(*in.Name); err != nil {
			return nil, nameError(op, err)
		}
	}
	return value, nil
}

// startExecution starts an execution with the input checkStart decoded;
// sync refuses a STANDARD machine, as StartSyncExecution does.
func (e *Engine) startExecution(op string, in *sfn.StartExecutionInput, di *decodedInput, sync bool, d *driver) (*sfn.StartExecutionOutput, error) {
	input := di.text
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.lookupQualifiedLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	m := t.machine
	if m.status == types.StateMachineStatusDeleting {
		return nil, stateMachineDeleting(op, m.arn)
	}
	if sync && m.typ != types.StateMachineTypeExpress {
		return nil, stateMachineTypeNotSupported(op, "This operation is not supported by this type of state machine")
	}
	sr := runOf(m, t.version)
	if t.alias != nil {
		sr = runOf(m, e.pickLocked(t.alias))
		sr.aliasARN = t.alias.arn
	}
	name, arn := aws.ToString(in.Name), ""
	switch {
	case m.typ == types.StateMachineTypeExpress:
		if name == "" {
			name = e.uuidLocked()
		}
		arn = execution.ExpressExecutionARN(m.arn, name, e.uuidLocked())
	case name == "":
		arn = e.executionARNByUUIDLocked(m)
		name = arn[len(arn)-uuid.Len:]
	default:
		arn = m.executionARN(name)
	}
	if old, ok := e.executions.get(arn); ok {
		if old.x.Status == types.ExecutionStatusRunning && old.x.Input == input {
			return startOutput(arn, old.x.StartDate), nil
		}
		return nil, executionAlreadyExists(op, arn)
	}
	if e.open >= e.cfg.maxOpenExecutions {
		return nil, executionLimitExceeded(op)
	}
	now := e.now()
	o, spare := e.newOpenLocked()
	x := &executionState{
		x: execution.Execution{
			ARN: arn, Name: name, StateMachineARN: m.arn, Type: m.typ,
			VersionARN: sr.versionARN, AliasARN: sr.aliasARN,
			Status: types.ExecutionStatusRunning, Input: input, StartDate: now,
			TraceHeader: aws.ToString(in.TraceHeader),
		},
		seq:    e.executions.len(),
		source: sr.source,
		log:    e.spare.NewLog(e.cfg.historyLimit, m.sizeHint),
		open:   o,
	}
	o.run = interp.StartDecoded(interp.Config{
		Definition: sr.def,
		Log:        x.log,
		Execution: interp.Execution{
			ARN: arn, Name: name, StateMachineARN: m.arn, StateMachineName: m.name,
			VersionARN: sr.versionARN, AliasARN: sr.aliasARN,
			RoleARN: sr.roleArn, Input: input, StartTime: now, Region: e.cfg.region,
		},
		InputCompact: di.compact,
		Rand:         engineRand{e},
		Tokens:       o.startTokens(x, &e.pieces),
		Resources:    &e.resources,
		Spare:        spare,
	}, di.value, now)
	x.log.Bind(arn)
	e.executions.add(x)
	e.byMachine[m.arn] = append(e.byMachine[m.arn], x)
	e.indexAddLocked(x)
	if x.x.Type == types.StateMachineTypeStandard {
		e.open++ // the open-executions quota excludes Express (DG-Quotas)
	}
	e.applyLocked(x, d)
	return startOutput(arn, now), nil
}

// executionARN returns the ARN of m's Standard execution name
// (execution.ExecutionARN), parsing m's ARN only for its first.
func (m *stateMachine) executionARN(name string) string {
	if m.execPrefix == "" {
		m.execPrefix = execution.ExecutionARNPrefix(m.arn)
	}
	return m.execPrefix + name
}

// startOutput returns a StartExecutionOutput in one allocation with the
// values its pointers name: every StartExecution call returns one.
func startOutput(arn string, date time.Time) *sfn.StartExecutionOutput {
	o := &struct {
		out  sfn.StartExecutionOutput
		arn  string
		date time.Time
	}{arn: arn, date: date}
	o.out.ExecutionArn, o.out.StartDate = &o.arn, &o.date
	return &o.out
}

// startRun is what a new execution runs: the machine's current revision,
// or a version, reached directly or through an alias.
type startRun struct {
	def        *asl.Definition
	roleArn    string
	versionARN string
	aliasARN   string
	source     *machineSnapshot
}

// machineSnapshot is the state machine as an execution started with it, for
// DescribeStateMachineForExecution, and the machine itself: the executions
// that share a snapshot share their machine too, so that each keeps one
// pointer for both. It is never modified once made.
type machineSnapshot struct {
	machine    *stateMachine // the machine, as it is now (or was when deleted)
	definition string
	roleArn    string
	revision   string
	logging    *types.LoggingConfiguration
	tracing    *types.TracingConfiguration
	updated    time.Time
}

func runOf(m *stateMachine, v *stateMachineVersion) startRun {
	if v == nil {
		return startRun{def: m.def, roleArn: m.roleArn, source: m.snapshot()}
	}
	return startRun{def: v.def, roleArn: v.roleArn, versionARN: v.arn, source: v.snapshot(m)}
}

// snapshot returns the machine as an execution starting now sees it. One
// value is shared by every execution started since the machine last
// changed: an execution keeps a pointer, not five fields of its own for the
// garbage collector to mark.
func (m *stateMachine) snapshot() *machineSnapshot {
	s := machineSnapshot{
		machine:    m,
		definition: m.definition, roleArn: m.roleArn, revision: m.revision,
		logging: m.logging, tracing: m.tracing, updated: m.created,
	}
	if m.snap == nil || *m.snap != s {
		m.snap = new(machineSnapshot) // s itself stays on the stack: most calls keep the last one
		*m.snap = s
	}
	return m.snap
}

// snapshot is stateMachine.snapshot for a version of m, which never
// changes.
func (v *stateMachineVersion) snapshot(m *stateMachine) *machineSnapshot {
	if v.snap == nil {
		v.snap = &machineSnapshot{
			machine:    m,
			definition: v.definition, roleArn: v.roleArn, revision: v.revision,
			logging: v.logging, tracing: v.tracing, updated: v.created,
		}
	}
	return v.snap
}

// decodeInput checks an execution input (valid JSON, any JSON value, at
// most MaxPayload bytes of UTF-8) and returns it decoded. The input decoded
// last is remembered: a test starts execution after execution with the same
// input, and the interpreter never modifies a value, so they can share it.
func (e *Engine) decodeInput(op, input string) (*decodedInput, error) {
	if len(input) > interp.MaxPayload {
		return nil, invalidExecutionInput(op, "Invalid State Machine Execution Input: 'Input exceeds the maximum size of 262144 bytes.'")
	}
	if last := e.lastInput.Load(); last != nil && last.text == input {
		return last, nil // valid UTF-8 and JSON, as it was
	}
	if !utf8.ValidString(input) {
		return nil, invalidExecutionInput(op, "Invalid State Machine Execution Input: 'Invalid UTF-8 input.'")
	}
	if input == "" {
		return nil, invalidExecutionInput(op, "Invalid State Machine Execution Input: 'Invalid execution input.'")
	}
	value, err := jsonv.DecodeString(input)
	if err != nil {
		return nil, invalidExecutionInput(op, "Invalid State Machine Execution Input: '"+err.Error()+"'")
	}
	di := &decodedInput{text: input, value: value, compact: jsonv.MustEncodeString(value) == input}
	e.lastInput.Store(di)
	return di, nil
}

// decodedInput is an execution input, checked and decoded. It is never
// modified once made, so that executions and goroutines may share it.
type decodedInput struct {
	text    string
	value   any
	compact bool // text is value's compact JSON, as the interpreter writes it
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}
