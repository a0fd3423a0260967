package sfnmem

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// stateMachine is a registered state machine: its current revision, and
// the versions and aliases published from it (they go when it is deleted).
type stateMachine struct {
	arn         string
	name        string
	definition  string
	def         *asl.Definition
	roleArn     string
	typ         types.StateMachineType
	status      types.StateMachineStatus
	created     time.Time
	description string
	logging     *types.LoggingConfiguration
	tracing     *types.TracingConfiguration
	revision    string // "" until the first update that changes something
	seq         int

	versions    map[int64]*stateMachineVersion // live versions by number
	lastVersion int64                          // the highest number ever given; numbers are never reused
	aliases     map[string]*stateMachineAlias  // by alias name
	aliasSeq    int                            // creation counter, for listing order
	tags        map[string]string              // TagResource / CreateStateMachine tags

	// sizeHint is the size of the history its last execution closed
	// with: the next one's log is sized for it (history.NewLogSized).
	sizeHint   history.Size
	snap       *machineSnapshot // what the last execution started with (snapshot)
	execPrefix string           // execution.ExecutionARNPrefix(arn), made on first use (executionARN)
}

// CreateStateMachine registers a state machine, as
// [sfn.Client.CreateStateMachine]. The definition is parsed and validated in
// full; an invalid one is refused with InvalidDefinition. Creating a machine
// again with the same name, definition and role returns the existing one
// (AWS's idempotent case); anything else with that name is
// StateMachineAlreadyExists. With publish=true the machine's first revision
// is published as version 1 (on the idempotent path, as
// PublishStateMachineVersion would) and its ARN returned. optFns are
// accepted and ignored.
func (e *Engine) CreateStateMachine(ctx context.Context, in *sfn.CreateStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.CreateStateMachineOutput, error) {
	const op = "CreateStateMachine"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &sfn.CreateStateMachineInput{}
	}
	m, err := e.newStateMachine(op, in)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if old, ok := e.machines[m.arn]; ok {
		if old.status == types.StateMachineStatusDeleting {
			return nil, opError(op, &types.StateMachineDeleting{Message: aws.String("State machine is being deleted: '" + m.arn + "'")})
		}
		if old.definition != m.definition || old.roleArn != m.roleArn || old.typ != m.typ {
			return nil, stateMachineAlreadyExists(op, m.arn)
		}
		return e.createdLocked(op, old, in)
	}
	m.created = e.now()
	m.seq = len(e.machineSeq)
	e.machines[m.arn] = m
	e.machineSeq = append(e.machineSeq, m)
	return e.createdLocked(op, m, in)
}

// createdLocked answers CreateStateMachine for m, publishing it first when
// asked to. Call with e.mu held.
func (e *Engine) createdLocked(op string, m *stateMachine, in *sfn.CreateStateMachineInput) (*sfn.CreateStateMachineOutput, error) {
	out := &sfn.CreateStateMachineOutput{StateMachineArn: aws.String(m.arn), CreationDate: aws.Time(m.created)}
	if in.Publish {
		v, err := e.publishLocked(op, m, aws.ToString(in.VersionDescription))
		if err != nil {
			return nil, err
		}
		out.StateMachineVersionArn = aws.String(v.arn)
	}
	return out, nil
}

// newStateMachine validates a CreateStateMachine input into a record.
func (e *Engine) newStateMachine(op string, in *sfn.CreateStateMachineInput) (*stateMachine, error) {
	switch {
	case in.Name == nil:
		return nil, missingRequired(op, "name")
	case in.Definition == nil:
		return nil, missingRequired(op, "definition")
	case in.RoleArn == nil:
		return nil, missingRequired(op, "roleArn")
	}
	if err := execution.ValidateName(*in.Name); err != nil {
		return nil, nameError(op, err)
	}
	if problem := roleArnProblem(*in.RoleArn); problem != "" {
		return nil, invalidArnMessage(op, problem)
	}
	typ := in.Type
	switch typ {
	case "":
		typ = types.StateMachineTypeStandard
	case types.StateMachineTypeStandard, types.StateMachineTypeExpress:
	default:
		return nil, validation(op, "Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]", typ)
	}
	if in.VersionDescription != nil && !in.Publish {
		// Recorded message (test_create_with_version_description_no_publish).
		return nil, opError(op, &types.ValidationException{Message: aws.String("Version description can only be set when publish is true")})
	}
	if err := checkDescription(op, "versionDescription", in.VersionDescription); err != nil {
		return nil, err
	}
	if len(*in.Definition) > 1024*1024 {
		return nil, validation(op, "Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576")
	}
	def, err := asl.Parse(*in.Definition)
	if err != nil {
		return nil, invalidDefinition(op, definitionMessage(err))
	}
	if err := checkType(op, def, typ); err != nil {
		return nil, err
	}
	if err := validateTags(op, in.Tags); err != nil {
		return nil, err
	}
	return &stateMachine{
		arn:        e.stateMachineARN(*in.Name),
		name:       *in.Name,
		definition: *in.Definition,
		def:        def,
		tags:       mergeTags(nil, in.Tags),
		roleArn:    *in.RoleArn,
		typ:        typ,
		status:     types.StateMachineStatusActive,
		logging:    loggingOrDefault(in.LoggingConfiguration),
		tracing:    tracingOrDefault(in.TracingConfiguration),
	}, nil
}

// checkType refuses what a machine of type typ may not use: an EXPRESS
// machine cannot wait for a task token, run a .sync integration or call an
// activity (AWS's messages, as recorded).
func checkType(op string, def *asl.Definition, typ types.StateMachineType) error {
	if typ != types.StateMachineTypeExpress {
		return nil
	}
	if ps := def.ExpressProblems(); len(ps) > 0 {
		return invalidDefinition(op, (&asl.DefinitionError{Problems: ps}).Error())
	}
	return nil
}

func definitionMessage(err error) string {
	var de *asl.DefinitionError
	if errors.As(err, &de) {
		return de.Error()
	}
	return "Invalid State Machine Definition: '" + err.Error() + "'"
}

// roleArnProblem checks the shape of an IAM role ARN
// (arn:<p>:iam::<account>:role/<name>) and returns the InvalidArn detail
// AWS gives for a bad one, or "".
func roleArnProblem(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return "Resource type not valid in this context: " + arn
	}
	return ""
}

func loggingOrDefault(l *types.LoggingConfiguration) *types.LoggingConfiguration {
	if l == nil {
		return &types.LoggingConfiguration{Level: types.LogLevelOff, IncludeExecutionData: false}
	}
	c := *l
	c.Destinations = append([]types.LogDestination(nil), l.Destinations...)
	if c.Level == "" {
		c.Level = types.LogLevelOff
	}
	return &c
}

func tracingOrDefault(t *types.TracingConfiguration) *types.TracingConfiguration {
	if t == nil {
		return &types.TracingConfiguration{Enabled: false}
	}
	c := *t
	return &c
}

// lookupMachineLocked resolves an unqualified state machine ARN for op:
// InvalidArn for a malformed or non-state-machine ARN, ValidationException
// for qualified (version, alias, labelled) ARNs, StateMachineDoesNotExist
// for an unknown one. Operations that accept version or alias ARNs use
// [Engine.lookupQualifiedLocked]. Call with e.mu held.
func (e *Engine) lookupMachineLocked(op, arn string) (*stateMachine, error) {
	a, err := parseARN(op, arn, execution.KindStateMachine)
	if err != nil {
		return nil, err
	}
	if a.Label != "" {
		return nil, validationReason(op, "Unsupported operation on a labeled state machine ARN: '"+arn+"'",
			types.ValidationExceptionReasonApiDoesNotSupportLabeledArns)
	}
	if a.Qualifier != "" {
		return nil, opError(op, &types.ValidationException{Message: aws.String("Unsupported operation on a qualified state machine ARN: '" + arn + "'")})
	}
	m, ok := e.machines[arn]
	if !ok {
		return nil, stateMachineDoesNotExist(op, arn)
	}
	return m, nil
}

// DescribeStateMachine returns a state machine's definition and settings, as
// [sfn.Client.DescribeStateMachine]. Given a version ARN it describes that
// version: its definition, role, configuration, description and revision,
// under the version ARN. An alias ARN is StateMachineDoesNotExist (AWS
// documents versions only; docs/decisions.md). optFns are accepted and
// ignored.
func (e *Engine) DescribeStateMachine(ctx context.Context, in *sfn.DescribeStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error) {
	const op = "DescribeStateMachine"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.lookupQualifiedLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	m := t.machine
	switch {
	case t.version != nil:
		return describeVersion(m, t.version), nil
	case t.alias != nil:
		return nil, stateMachineDoesNotExist(op, *in.StateMachineArn)
	}
	logging, tracing := *m.logging, *m.tracing
	logging.Destinations = append([]types.LogDestination(nil), m.logging.Destinations...)
	return &sfn.DescribeStateMachineOutput{
		CreationDate:         aws.Time(m.created),
		Definition:           aws.String(m.definition),
		Name:                 aws.String(m.name),
		RoleArn:              aws.String(m.roleArn),
		StateMachineArn:      aws.String(m.arn),
		Type:                 m.typ,
		Status:               m.status,
		LoggingConfiguration: &logging,
		TracingConfiguration: &tracing,
		RevisionId:           optString(m.revision), // absent until the first update (research 4)
	}, nil
}

// ListStateMachines lists state machines in creation order, as
// [sfn.Client.ListStateMachines], with the same paging rules as
// ListExecutions. optFns are accepted and ignored.
func (e *Engine) ListStateMachines(ctx context.Context, in *sfn.ListStateMachinesInput, optFns ...func(*sfn.Options)) (*sfn.ListStateMachinesOutput, error) {
	const op = "ListStateMachines"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil {
		in = &sfn.ListStateMachinesInput{}
	}
	limit, err := pageArgs(op, in.MaxResults, in.NextToken, 1024)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	start := int64(0)
	if in.NextToken != nil {
		if start, err = pagetoken.Decode(op, *in.NextToken); err != nil {
			return nil, invalidToken(op, *in.NextToken)
		}
	}
	out := &sfn.ListStateMachinesOutput{StateMachines: []types.StateMachineListItem{}}
	i := int(start)
	for ; i < len(e.machineSeq) && len(out.StateMachines) < limit; i++ {
		m := e.machineSeq[i]
		out.StateMachines = append(out.StateMachines, types.StateMachineListItem{
			CreationDate: aws.Time(m.created), Name: aws.String(m.name), StateMachineArn: aws.String(m.arn), Type: m.typ,
		})
	}
	if i < len(e.machineSeq) {
		out.NextToken = aws.String(pagetoken.Encode(op, int64(i)))
	}
	return out, nil
}

// DeleteStateMachine deletes a state machine, as [sfn.Client.DeleteStateMachine]:
// it moves to DELETING, its running executions are aborted at their next
// state transition, and it disappears once none is running (API-DeleteSM).
// Its versions and aliases go with it (while it is DELETING they still
// resolve, so starting through them is StateMachineDeleting). Deleting an unknown
// (well-formed) ARN succeeds. optFns are accepted and ignored.
func (e *Engine) DeleteStateMachine(ctx context.Context, in *sfn.DeleteStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.DeleteStateMachineOutput, error) {
	const op = "DeleteStateMachine"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.lookupMachineLocked(op, *in.StateMachineArn)
	var missing *types.StateMachineDoesNotExist
	if errors.As(err, &missing) {
		return &sfn.DeleteStateMachineOutput{}, nil
	}
	if err != nil {
		return nil, err
	}
	m.status = types.StateMachineStatusDeleting
	for _, x := range e.byMachine[m.arn] {
		if x.open != nil && x.open.run.Open() {
			x.open.run.MachineDeleting()
		}
	}
	e.forgetIfIdleLocked(m)
	return &sfn.DeleteStateMachineOutput{}, nil
}

// forgetIfIdleLocked removes a DELETING machine once none of its executions
// is running. Its executions stay describable.
func (e *Engine) forgetIfIdleLocked(m *stateMachine) {
	for _, x := range e.byMachine[m.arn] {
		if x.x.Open() {
			return
		}
	}
	delete(e.machines, m.arn)
	for i, s := range e.machineSeq {
		if s == m {
			e.machineSeq = append(e.machineSeq[:i:i], e.machineSeq[i+1:]...)
			break
		}
	}
}
