package sfnmem

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// stateMachine is a registered state machine.
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
}

// CreateStateMachine registers a state machine, as
// [sfn.Client.CreateStateMachine]. The definition is parsed and validated in
// full; an invalid one is refused with InvalidDefinition. Creating a machine
// again with the same name, definition and role returns the existing one
// (AWS's idempotent case); anything else with that name is
// StateMachineAlreadyExists. Publish (versions) is not supported yet and is
// refused with ValidationException. optFns are accepted and ignored.
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
		return &sfn.CreateStateMachineOutput{StateMachineArn: aws.String(old.arn), CreationDate: aws.Time(old.created)}, nil
	}
	m.created = e.now()
	m.seq = len(e.machineSeq)
	e.machines[m.arn] = m
	e.machineSeq = append(e.machineSeq, m)
	return &sfn.CreateStateMachineOutput{StateMachineArn: aws.String(m.arn), CreationDate: aws.Time(m.created)}, nil
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
	if err := validateRoleArn(*in.RoleArn); err != nil {
		return nil, invalidArnMessage(op, err.Error())
	}
	typ := in.Type
	switch typ {
	case "":
		typ = types.StateMachineTypeStandard
	case types.StateMachineTypeStandard, types.StateMachineTypeExpress:
	default:
		return nil, validation(op, "Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]", typ)
	}
	if in.Publish || in.VersionDescription != nil {
		return nil, validation(op, "sfnmem does not support state machine versions yet (Publish, VersionDescription)")
	}
	if len(*in.Definition) > 1024*1024 {
		return nil, validation(op, "Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576")
	}
	def, err := asl.Parse(*in.Definition)
	if err != nil {
		return nil, invalidDefinition(op, definitionMessage(err))
	}
	return &stateMachine{
		arn:        e.stateMachineARN(*in.Name),
		name:       *in.Name,
		definition: *in.Definition,
		def:        def,
		roleArn:    *in.RoleArn,
		typ:        typ,
		status:     types.StateMachineStatusActive,
		logging:    loggingOrDefault(in.LoggingConfiguration),
		tracing:    tracingOrDefault(in.TracingConfiguration),
	}, nil
}

func definitionMessage(err error) string {
	var de *asl.DefinitionError
	if errors.As(err, &de) {
		return de.Error()
	}
	return "Invalid State Machine Definition: '" + err.Error() + "'"
}

// validateRoleArn checks the shape of an IAM role ARN: arn:<p>:iam::<account>:role/<name>.
func validateRoleArn(arn string) error {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") {
		return fmt.Errorf("Resource type not valid in this context: %s", arn)
	}
	return nil
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

// lookupMachineLocked resolves a state machine ARN for op: InvalidArn for a
// malformed or non-state-machine ARN, ValidationException for qualified
// (version, alias, labelled) ARNs, StateMachineDoesNotExist for an unknown
// one. Call with e.mu held.
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
		return nil, validation(op, "sfnmem does not support state machine versions and aliases yet: '%s'", arn)
	}
	m, ok := e.machines[arn]
	if !ok {
		return nil, stateMachineDoesNotExist(op, arn)
	}
	return m, nil
}

// DescribeStateMachine returns a state machine's definition and settings, as
// [sfn.Client.DescribeStateMachine]. optFns are accepted and ignored.
func (e *Engine) DescribeStateMachine(ctx context.Context, in *sfn.DescribeStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.DescribeStateMachineOutput, error) {
	const op = "DescribeStateMachine"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil || in.StateMachineArn == nil {
		return nil, missingRequired(op, "stateMachineArn")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.lookupMachineLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
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
	limit, err := pageSize(op, in.MaxResults)
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
// Deleting an unknown (well-formed) ARN succeeds. optFns are accepted and ignored.
func (e *Engine) DeleteStateMachine(ctx context.Context, in *sfn.DeleteStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.DeleteStateMachineOutput, error) {
	const op = "DeleteStateMachine"
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if in == nil || in.StateMachineArn == nil {
		return nil, missingRequired(op, "stateMachineArn")
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
		if x.run != nil && x.run.Open() {
			x.run.MachineDeleting()
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

// pageSize validates maxResults (0..1000; 0 means 100) as the list
// operations do.
func pageSize(op string, n int32) (int, error) {
	switch {
	case n < 0:
		return 0, validation(op, "Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0", n)
	case n > 1000:
		return 0, validation(op, "Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000", n)
	case n == 0:
		return 100, nil
	}
	return int(n), nil
}
