package sfnmem

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/internal/pagetoken"
)

// maxAliases is how many aliases a state machine may have at once
// (DG concepts-state-machine-alias: "up to 100 aliases").
const maxAliases = 100

// stateMachineAlias is a named pointer at one or two versions of a state
// machine, with the share of new executions each receives.
type stateMachineAlias struct {
	arn         string
	name        string
	description string
	routes      []route // 1 or 2, in the order given
	created     time.Time
	updated     time.Time
	seq         int // creation order within the machine
}

// route is one entry of a routing configuration.
type route struct {
	version *stateMachineVersion
	weight  int32
}

func (al *stateMachineAlias) routesTo(versionARN string) bool {
	for _, r := range al.routes {
		if r.version.arn == versionARN {
			return true
		}
	}
	return false
}

func (al *stateMachineAlias) routing() []types.RoutingConfigurationListItem {
	out := make([]types.RoutingConfigurationListItem, len(al.routes))
	for i, r := range al.routes {
		out[i] = types.RoutingConfigurationListItem{StateMachineVersionArn: aws.String(r.version.arn), Weight: r.weight}
	}
	return out
}

// sameRouting reports whether routes equals al's routing, ignoring order.
func (al *stateMachineAlias) sameRouting(routes []route) bool {
	if len(routes) != len(al.routes) {
		return false
	}
	for _, r := range routes {
		if !slices.Contains(al.routes, r) {
			return false
		}
	}
	return true
}

// pickLocked chooses the version an execution started through al runs:
// the first route with probability weight/100, drawn from the engine's
// seeded source so runs repeat. Call with e.mu held.
func (e *Engine) pickLocked(al *stateMachineAlias) *stateMachineVersion {
	if len(al.routes) == 1 {
		return al.routes[0].version
	}
	if e.rnd.Int32N(100) < al.routes[0].weight {
		return al.routes[0].version
	}
	return al.routes[1].version
}

// checkRouting validates a routing configuration's shape, without the
// engine's state: 1 or 2 entries, weights 0..100 summing to 100, distinct
// version ARNs of one state machine. Messages are AWS's, as recorded
// (test_error_create_alias_invalid_router_configs). It returns the parsed
// version ARNs.
func checkRouting(op string, rc []types.RoutingConfigurationListItem) ([]execution.ARN, error) {
	switch {
	case rc == nil:
		return nil, missingRequired(op, "routingConfiguration")
	case len(rc) == 0:
		return nil, validation(op, "Value '[]' at 'routingConfiguration' failed to satisfy constraint: Member must have length greater than or equal to 1")
	case len(rc) > 2:
		items := make([]string, len(rc))
		for i, r := range rc {
			items[i] = fmt.Sprintf("RoutingConfigurationListItem(stateMachineVersionArn=%s, weight=%d)", aws.ToString(r.StateMachineVersionArn), r.Weight)
		}
		return nil, validation(op, "Value '[%s]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2", strings.Join(items, ", "))
	}
	arns := make([]string, len(rc))
	weights := make([]string, len(rc))
	sum := int32(0)
	for i, r := range rc {
		if r.StateMachineVersionArn == nil {
			return nil, missingRequired(op, fmt.Sprintf("routingConfiguration.%d.member.stateMachineVersionArn", i+1))
		}
		if r.Weight < 0 {
			return nil, validation(op, "Value '%d' at 'routingConfiguration.%d.member.weight' failed to satisfy constraint: Member must have value greater than or equal to 0", r.Weight, i+1)
		}
		if r.Weight > 100 {
			return nil, validation(op, "Value '%d' at 'routingConfiguration.%d.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100", r.Weight, i+1)
		}
		arns[i] = *r.StateMachineVersionArn
		weights[i] = strconv.Itoa(int(r.Weight))
		sum += r.Weight
	}
	received := "[" + strings.Join(arns, ", ") + "]"
	parsed := make([]execution.ARN, len(rc))
	for i, s := range arns {
		a, err := execution.ParseARN(s)
		if err != nil || !a.IsVersion() {
			return nil, invalidRouting(op, "Routing configuration must contain state machine version ARNs. Received: "+received)
		}
		parsed[i] = a
	}
	if len(parsed) == 2 {
		if arns[0] == arns[1] {
			return nil, invalidRouting(op, "Routing configuration must contain distinct state machine version ARNs. Received: "+received)
		}
		if parsed[0].StateMachine() != parsed[1].StateMachine() {
			return nil, invalidRouting(op, "Routing configuration must contain versions of the same state machine. Received: "+received)
		}
	}
	if sum != 100 {
		return nil, invalidRouting(op, "Sum of routing configuration weights must equal 100. Received: ["+strings.Join(weights, ", ")+"]")
	}
	return parsed, nil
}

// routesLocked resolves a checked routing configuration against the
// engine: the machine must exist and not be deleting, and every version
// must be live. Call with e.mu held.
func (e *Engine) routesLocked(op string, rc []types.RoutingConfigurationListItem, arns []execution.ARN) (*stateMachine, []route, error) {
	m, ok := e.machines[arns[0].StateMachine()]
	if !ok {
		return nil, nil, stateMachineDoesNotExist(op, arns[0].StateMachine())
	}
	if m.status == types.StateMachineStatusDeleting {
		return nil, nil, stateMachineDeleting(op, m.arn)
	}
	routes := make([]route, len(rc))
	for i, a := range arns {
		v, ok := m.versions[a.Version()]
		if !ok {
			return nil, nil, resourceNotFound(op, a.String())
		}
		routes[i] = route{version: v, weight: rc[i].Weight}
	}
	return m, routes, nil
}

func invalidRouting(op, msg string) error {
	return validationReason(op, msg, types.ValidationExceptionReasonInvalidRoutingConfiguration)
}

// checkAliasName applies the CharacterRestrictedName rules (spec 4.2):
// the length first, then the pattern, with AWS's recorded messages.
func checkAliasName(op, name string) error {
	if name == "" {
		return validation(op, "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	if len(name) > execution.MaxAliasNameLength {
		return validation(op, "Value '%s' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80", name)
	}
	if !execution.ValidAliasName(name) {
		return validation(op, `Value '%s' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`, name)
	}
	return nil
}

// CreateStateMachineAlias creates an alias of the state machine whose
// versions its routing configuration names, as
// [sfn.Client.CreateStateMachineAlias]. Creating it again with the same
// name, routing and description returns the existing alias; anything else
// under that name is ConflictException. optFns are accepted and ignored.
func (e *Engine) CreateStateMachineAlias(ctx context.Context, in *sfn.CreateStateMachineAliasInput, optFns ...func(*sfn.Options)) (*sfn.CreateStateMachineAliasOutput, error) {
	const op = "CreateStateMachineAlias"
	if err := begin(ctx, op, "name", in != nil && in.Name != nil); err != nil {
		return nil, err
	}
	if err := checkAliasName(op, *in.Name); err != nil {
		return nil, err
	}
	if err := checkDescription(op, "description", in.Description); err != nil {
		return nil, err
	}
	arns, err := checkRouting(op, in.RoutingConfiguration)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, routes, err := e.routesLocked(op, in.RoutingConfiguration, arns)
	if err != nil {
		return nil, err
	}
	description := aws.ToString(in.Description)
	if old, ok := m.aliases[*in.Name]; ok {
		if !old.sameRouting(routes) || old.description != description {
			// Recorded message (test_error_create_alias_not_idempotent).
			return nil, conflict(op, "Failed to create alias because an alias with the same name and a different routing configuration already exists.")
		}
		return &sfn.CreateStateMachineAliasOutput{CreationDate: aws.Time(old.created), StateMachineAliasArn: aws.String(old.arn)}, nil
	}
	if len(m.aliases) >= maxAliases {
		return nil, opError(op, &types.ServiceQuotaExceededException{Message: aws.String(
			fmt.Sprintf("Maximum number of aliases (%d) reached for state machine '%s'", maxAliases, m.arn))})
	}
	now := e.now()
	al := &stateMachineAlias{
		arn: m.arn + ":" + *in.Name, name: *in.Name, description: description,
		routes: routes, created: now, updated: now, seq: m.aliasSeq,
	}
	m.aliasSeq++
	if m.aliases == nil {
		m.aliases = map[string]*stateMachineAlias{}
	}
	m.aliases[al.name] = al
	return &sfn.CreateStateMachineAliasOutput{CreationDate: aws.Time(now), StateMachineAliasArn: aws.String(al.arn)}, nil
}

// lookupAliasLocked resolves an alias ARN for op: InvalidArn for a
// malformed ARN, ValidationException for one that is not an alias ARN,
// ResourceNotFound for an unknown alias (or machine). Call with e.mu held.
func (e *Engine) lookupAliasLocked(op, arn string) (*stateMachine, *stateMachineAlias, error) {
	if err := requireQualifier(op, arn, execution.ARN.IsAlias, "alias"); err != nil {
		return nil, nil, err
	}
	t, err := e.lookupQualifiedLocked(op, arn)
	if err != nil {
		if isNotFound(err) {
			return nil, nil, resourceNotFound(op, arn)
		}
		return nil, nil, err
	}
	return t.machine, t.alias, nil
}

// DescribeStateMachineAlias reports an alias, as
// [sfn.Client.DescribeStateMachineAlias]. updateDate equals creationDate
// until the alias is first updated. optFns are accepted and ignored.
func (e *Engine) DescribeStateMachineAlias(ctx context.Context, in *sfn.DescribeStateMachineAliasInput, optFns ...func(*sfn.Options)) (*sfn.DescribeStateMachineAliasOutput, error) {
	const op = "DescribeStateMachineAlias"
	if err := begin(ctx, op, "stateMachineAliasArn", in != nil && in.StateMachineAliasArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_, al, err := e.lookupAliasLocked(op, *in.StateMachineAliasArn)
	if err != nil {
		return nil, err
	}
	return &sfn.DescribeStateMachineAliasOutput{
		CreationDate:         aws.Time(al.created),
		Description:          optString(al.description),
		Name:                 aws.String(al.name),
		RoutingConfiguration: al.routing(),
		StateMachineAliasArn: aws.String(al.arn),
		UpdateDate:           aws.Time(al.updated),
	}, nil
}

// UpdateStateMachineAlias changes an alias's description, routing or both,
// as [sfn.Client.UpdateStateMachineAlias]. Executions already started
// through it keep the version they were given, redrives included. optFns
// are accepted and ignored.
func (e *Engine) UpdateStateMachineAlias(ctx context.Context, in *sfn.UpdateStateMachineAliasInput, optFns ...func(*sfn.Options)) (*sfn.UpdateStateMachineAliasOutput, error) {
	const op = "UpdateStateMachineAlias"
	if err := begin(ctx, op, "stateMachineAliasArn", in != nil && in.StateMachineAliasArn != nil); err != nil {
		return nil, err
	}
	if in.Description == nil && in.RoutingConfiguration == nil {
		return nil, validationReason(op, "Either the description or the RoutingConfiguration must be specified",
			types.ValidationExceptionReasonMissingRequiredParameter)
	}
	if err := checkDescription(op, "description", in.Description); err != nil {
		return nil, err
	}
	var arns []execution.ARN
	if in.RoutingConfiguration != nil {
		var err error
		if arns, err = checkRouting(op, in.RoutingConfiguration); err != nil {
			return nil, err
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, al, err := e.lookupAliasLocked(op, *in.StateMachineAliasArn)
	if err != nil {
		return nil, err
	}
	var routes []route
	if arns != nil {
		if arns[0].StateMachine() != m.arn {
			return nil, invalidRouting(op, "Routing configuration must contain versions of the alias's state machine. Received: ["+
				strings.Join(routingARNs(in.RoutingConfiguration), ", ")+"]")
		}
		if _, routes, err = e.routesLocked(op, in.RoutingConfiguration, arns); err != nil {
			return nil, err
		}
	}
	if routes != nil {
		al.routes = routes
	}
	if in.Description != nil {
		al.description = *in.Description
	}
	al.updated = e.now()
	return &sfn.UpdateStateMachineAliasOutput{UpdateDate: aws.Time(al.updated)}, nil
}

func routingARNs(rc []types.RoutingConfigurationListItem) []string {
	out := make([]string, len(rc))
	for i, r := range rc {
		out[i] = aws.ToString(r.StateMachineVersionArn)
	}
	return out
}

// DeleteStateMachineAlias deletes an alias, as
// [sfn.Client.DeleteStateMachineAlias]; its versions stay. Deleting an
// alias that does not exist succeeds, as recorded against AWS. optFns are
// accepted and ignored.
func (e *Engine) DeleteStateMachineAlias(ctx context.Context, in *sfn.DeleteStateMachineAliasInput, optFns ...func(*sfn.Options)) (*sfn.DeleteStateMachineAliasOutput, error) {
	const op = "DeleteStateMachineAlias"
	if err := begin(ctx, op, "stateMachineAliasArn", in != nil && in.StateMachineAliasArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, al, err := e.lookupAliasLocked(op, *in.StateMachineAliasArn)
	if err != nil {
		if isNotFound(err) {
			return &sfn.DeleteStateMachineAliasOutput{}, nil
		}
		return nil, err
	}
	delete(m.aliases, al.name)
	return &sfn.DeleteStateMachineAliasOutput{}, nil
}

// ListStateMachineAliases lists a state machine's aliases in creation
// order, as [sfn.Client.ListStateMachineAliases]; given a version ARN, only
// the aliases that route to that version. Paging as ListStateMachineVersions.
// optFns are accepted and ignored.
func (e *Engine) ListStateMachineAliases(ctx context.Context, in *sfn.ListStateMachineAliasesInput, optFns ...func(*sfn.Options)) (*sfn.ListStateMachineAliasesOutput, error) {
	const op = "ListStateMachineAliases"
	if in == nil {
		in = &sfn.ListStateMachineAliasesInput{}
	}
	limit, err := keyedPageArgs(ctx, op, "stateMachineArn", in.StateMachineArn, in.MaxResults, in.NextToken)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.lookupQualifiedLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	if t.alias != nil {
		return nil, validation(op, "Value '%s' at 'stateMachineArn' failed to satisfy constraint: Member must be a state machine or state machine version ARN", *in.StateMachineArn)
	}
	if t.machine.status == types.StateMachineStatusDeleting {
		return nil, stateMachineDeleting(op, t.machine.arn)
	}
	scope := op + "|" + *in.StateMachineArn
	// The token holds the creation sequence the next page starts at.
	from := int64(0)
	if in.NextToken != nil {
		if from, err = pagetoken.Decode(scope, *in.NextToken); err != nil {
			return nil, invalidToken(op, *in.NextToken)
		}
	}
	var aliases []*stateMachineAlias
	for _, al := range t.machine.aliases {
		if int64(al.seq) >= from && (t.version == nil || al.routesTo(t.version.arn)) {
			aliases = append(aliases, al)
		}
	}
	slices.SortFunc(aliases, func(a, b *stateMachineAlias) int { return a.seq - b.seq })
	out := &sfn.ListStateMachineAliasesOutput{StateMachineAliases: []types.StateMachineAliasListItem{}}
	for i, al := range aliases {
		if i == limit {
			out.NextToken = aws.String(pagetoken.Encode(scope, int64(al.seq)))
			break
		}
		out.StateMachineAliases = append(out.StateMachineAliases, types.StateMachineAliasListItem{
			CreationDate: aws.Time(al.created), StateMachineAliasArn: aws.String(al.arn),
		})
	}
	return out, nil
}
