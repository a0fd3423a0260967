package sfnmem

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// maxVersions is how many versions a state machine may have at once
// (API_PublishStateMachineVersion: "up to 1000 versions").
const maxVersions = 1000

// stateMachineVersion is an immutable snapshot of one revision of a state
// machine (DG concepts-state-machine-version).
type stateMachineVersion struct {
	arn         string
	number      int64
	created     time.Time
	description string
	revision    string // the machine's revision it snapshots; "" for the initial one
	definition  string
	def         *asl.Definition
	roleArn     string
	logging     *types.LoggingConfiguration
	tracing     *types.TracingConfiguration
	snap        *machineSnapshot // made for its first execution (snapshot)
}

// target is what a state machine ARN, version ARN or alias ARN resolves to.
// version is nil for an unqualified ARN; alias is set only for an alias ARN,
// and then version is nil too (the alias picks one per execution).
type target struct {
	machine *stateMachine
	version *stateMachineVersion
	alias   *stateMachineAlias
}

// lookupQualifiedLocked resolves a state machine, version or alias ARN for
// op. A malformed ARN is InvalidArn, a labelled one ValidationException, an
// unknown machine StateMachineDoesNotExist, and an unknown version or alias
// of a known machine [qualifierNotFound]. Call with e.mu held.
func (e *Engine) lookupQualifiedLocked(op, arn string) (target, error) {
	if m, ok := e.machines[arn]; ok {
		return target{machine: m}, nil // the machine's own ARN, as the engine wrote it: nothing to parse
	}
	a, err := parseARN(op, arn, execution.KindStateMachine)
	if err != nil {
		return target{}, err
	}
	if a.Label != "" {
		return target{}, validationReason(op, "Unsupported operation on a labeled state machine ARN: '"+arn+"'",
			types.ValidationExceptionReasonApiDoesNotSupportLabeledArns)
	}
	m, ok := e.machines[a.StateMachine()]
	if !ok {
		return target{}, stateMachineDoesNotExist(op, arn)
	}
	switch {
	case a.IsVersion():
		v, ok := m.versions[a.Version()]
		if !ok {
			return target{}, qualifierNotFound(op, arn)
		}
		return target{machine: m, version: v}, nil
	case a.IsAlias():
		al, ok := m.aliases[a.Qualifier]
		if !ok {
			return target{}, qualifierNotFound(op, arn)
		}
		return target{machine: m, alias: al}, nil
	}
	return target{machine: m}, nil
}

// machineExecutionsLocked returns the executions a ListExecutions by arn
// walks, in start order, and the machine arn names: every execution of the
// machine for an unqualified ARN; for a version ARN those that ran that
// version (directly or through an alias); for an alias ARN those started
// through the alias. The slice may be the engine's own: do not modify it.
// Call with e.mu held.
func (e *Engine) machineExecutionsLocked(op, arn string) (*stateMachine, []*executionState, error) {
	t, err := e.lookupQualifiedLocked(op, arn)
	if err != nil {
		return nil, nil, err
	}
	all := e.byMachine[t.machine.arn]
	var keep func(*executionState) bool
	switch {
	case t.version != nil:
		keep = func(x *executionState) bool { return x.x.VersionARN == t.version.arn }
	case t.alias != nil:
		keep = func(x *executionState) bool { return x.x.AliasARN == t.alias.arn }
	default:
		return t.machine, all, nil
	}
	var list []*executionState
	for _, x := range all {
		if keep(x) {
			list = append(list, x)
		}
	}
	return t.machine, list, nil
}

// publishLocked publishes m's current revision, as PublishStateMachineVersion
// does: a live version of the current revision is returned as it is (the
// idempotent case; its description is left alone), otherwise a new version
// takes the next number, never reusing a deleted one. Call with e.mu held.
func (e *Engine) publishLocked(op string, m *stateMachine, description string) (*stateMachineVersion, error) {
	for _, v := range m.versions {
		if v.revision == m.revision {
			return v, nil
		}
	}
	if len(m.versions) >= maxVersions {
		return nil, opError(op, &types.ServiceQuotaExceededException{Message: aws.String(
			fmt.Sprintf("Maximum number of versions (%d) reached for state machine '%s'", maxVersions, m.arn))})
	}
	m.lastVersion++
	v := &stateMachineVersion{
		arn:         m.arn + ":" + strconv.FormatInt(m.lastVersion, 10),
		number:      m.lastVersion,
		created:     e.now(),
		description: description,
		revision:    m.revision,
		definition:  m.definition,
		def:         m.def,
		roleArn:     m.roleArn,
		logging:     loggingOrDefault(m.logging),
		tracing:     tracingOrDefault(m.tracing),
	}
	if m.versions == nil {
		m.versions = map[int64]*stateMachineVersion{}
	}
	m.versions[v.number] = v
	return v, nil
}

// PublishStateMachineVersion publishes the current revision of a state
// machine as a new version, as [sfn.Client.PublishStateMachineVersion].
// Versions are numbered from 1 and a number is never reused. Publishing a
// revision that already has a live version returns that version. A
// revisionId that is not the machine's current one (INITIAL before the
// first update) is refused with ConflictException. optFns are accepted and
// ignored.
func (e *Engine) PublishStateMachineVersion(ctx context.Context, in *sfn.PublishStateMachineVersionInput, optFns ...func(*sfn.Options)) (*sfn.PublishStateMachineVersionOutput, error) {
	const op = "PublishStateMachineVersion"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	if err := checkDescription(op, "description", in.Description); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.lookupMachineLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	if m.status == types.StateMachineStatusDeleting {
		return nil, stateMachineDeleting(op, m.arn)
	}
	if in.RevisionId != nil {
		current := m.revision
		if current == "" {
			current = "INITIAL"
		}
		if *in.RevisionId != current {
			// Recorded message (test_publish_state_machine_version).
			return nil, conflict(op, fmt.Sprintf("Failed to publish the State Machine version for revision %s. The current State Machine revision is %s.", *in.RevisionId, current))
		}
	}
	v, err := e.publishLocked(op, m, aws.ToString(in.Description))
	if err != nil {
		return nil, err
	}
	return &sfn.PublishStateMachineVersionOutput{CreationDate: aws.Time(v.created), StateMachineVersionArn: aws.String(v.arn)}, nil
}

// ListStateMachineVersions lists a state machine's live versions, newest
// first, as [sfn.Client.ListStateMachineVersions], with the same paging
// rules as ListStateMachines (nextToken at most 1024 characters). optFns are
// accepted and ignored.
func (e *Engine) ListStateMachineVersions(ctx context.Context, in *sfn.ListStateMachineVersionsInput, optFns ...func(*sfn.Options)) (*sfn.ListStateMachineVersionsOutput, error) {
	const op = "ListStateMachineVersions"
	if in == nil {
		in = &sfn.ListStateMachineVersionsInput{}
	}
	limit, err := keyedPageArgs(ctx, op, "stateMachineArn", in.StateMachineArn, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.lookupMachineLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	scope := op + "|" + m.arn
	// The token holds the highest version number the next page may show,
	// so versions deleted between pages do not shift the listing.
	below := m.lastVersion
	if in.NextToken != nil {
		if below, err = pagetoken.Decode(scope, *in.NextToken); err != nil {
			return nil, invalidToken(op, *in.NextToken)
		}
	}
	numbers := make([]int64, 0, len(m.versions))
	for n := range m.versions {
		if n <= below {
			numbers = append(numbers, n)
		}
	}
	slices.Sort(numbers)
	slices.Reverse(numbers)
	out := &sfn.ListStateMachineVersionsOutput{StateMachineVersions: []types.StateMachineVersionListItem{}}
	for i, n := range numbers {
		if i == limit {
			out.NextToken = aws.String(pagetoken.Encode(scope, n))
			break
		}
		v := m.versions[n]
		out.StateMachineVersions = append(out.StateMachineVersions, types.StateMachineVersionListItem{
			CreationDate: aws.Time(v.created), StateMachineVersionArn: aws.String(v.arn),
		})
	}
	return out, nil
}

// DeleteStateMachineVersion deletes a version, as
// [sfn.Client.DeleteStateMachineVersion]. Its running executions go on. A
// version an alias routes to is refused with ConflictException naming the
// aliases; deleting a version (or machine) that does not exist succeeds, as
// recorded against AWS. optFns are accepted and ignored.
func (e *Engine) DeleteStateMachineVersion(ctx context.Context, in *sfn.DeleteStateMachineVersionInput, optFns ...func(*sfn.Options)) (*sfn.DeleteStateMachineVersionOutput, error) {
	const op = "DeleteStateMachineVersion"
	if err := begin(ctx, op, "stateMachineVersionArn", in != nil && in.StateMachineVersionArn != nil); err != nil {
		return nil, err
	}
	arn := *in.StateMachineVersionArn
	if err := requireQualifier(op, arn, execution.ARN.IsVersion, "version"); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.lookupQualifiedLocked(op, arn)
	if err != nil {
		if isNotFound(err) {
			return &sfn.DeleteStateMachineVersionOutput{}, nil
		}
		return nil, err
	}
	var names []string
	for _, al := range t.machine.aliases {
		if al.routesTo(t.version.arn) {
			names = append(names, al.name)
		}
	}
	if len(names) > 0 {
		slices.Sort(names)
		// Recorded message (test_delete_version_with_alias).
		return nil, conflict(op, "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: ["+strings.Join(names, ", ")+"]")
	}
	delete(t.machine.versions, t.version.number)
	return &sfn.DeleteStateMachineVersionOutput{}, nil
}

// requireQualifier checks that arn is a well-formed state machine ARN
// whose qualifier is accepted by is (a version or an alias, named by what),
// answering ValidationException otherwise.
func requireQualifier(op, arn string, is func(execution.ARN) bool, what string) error {
	a, err := parseARN(op, arn, execution.KindStateMachine)
	if err != nil {
		return err
	}
	if !is(a) {
		return validation(op, "Value '%s' at 'stateMachine%sArn' failed to satisfy constraint: Member must be a state machine %s ARN",
			arn, strings.ToUpper(what[:1])+what[1:], what)
	}
	return nil
}

// describeVersion answers DescribeStateMachine for a version ARN: the
// version's own definition, role, configuration, description and revision,
// under the version ARN (aws-recorded: test_publish_state_machine_version).
func describeVersion(m *stateMachine, v *stateMachineVersion) *sfn.DescribeStateMachineOutput {
	logging, tracing := *v.logging, *v.tracing
	logging.Destinations = slices.Clone(v.logging.Destinations)
	return &sfn.DescribeStateMachineOutput{
		CreationDate:         aws.Time(v.created),
		Definition:           aws.String(v.definition),
		Name:                 aws.String(m.name),
		RoleArn:              aws.String(v.roleArn),
		StateMachineArn:      aws.String(v.arn),
		Type:                 m.typ,
		Status:               m.status,
		Description:          optString(v.description),
		LoggingConfiguration: &logging,
		TracingConfiguration: &tracing,
		RevisionId:           optString(v.revision),
	}
}

// checkDescription checks a version or alias description: at most 256
// characters.
func checkDescription(op, member string, d *string) error {
	if d != nil && len(*d) > 256 {
		return validation(op, "Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to 256", *d, member)
	}
	return nil
}

// qualifierNotFound answers an unknown version or alias of a known state
// machine: ResourceNotFound where op models it, StateMachineDoesNotExist
// (naming the qualified ARN, as recorded for UpdateStateMachine) elsewhere.
func qualifierNotFound(op, arn string) error {
	switch op {
	case "StartExecution", "DescribeStateMachine", "UpdateStateMachine", "PublishStateMachineVersion":
		return stateMachineDoesNotExist(op, arn)
	}
	return resourceNotFound(op, arn)
}

// resourceNotFound is ResourceNotFound with the message AWS gives for an
// unknown alias (test_update_no_such_alias_arn).
func resourceNotFound(op, arn string) error {
	return opError(op, &types.ResourceNotFound{
		Message:      aws.String("Request references a resource that does not exist."),
		ResourceName: aws.String(arn),
	})
}

// isNotFound reports whether err says a machine, version or alias does
// not exist.
func isNotFound(err error) bool {
	var sm *types.StateMachineDoesNotExist
	var rn *types.ResourceNotFound
	return errors.As(err, &sm) || errors.As(err, &rn)
}

func conflict(op, msg string) error {
	return opError(op, &types.ConflictException{Message: aws.String(msg)})
}

func stateMachineDeleting(op, arn string) error {
	return opError(op, &types.StateMachineDeleting{Message: aws.String("State Machine is being deleted: '" + arn + "'")})
}
