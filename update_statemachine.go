package sfnmem

import (
	"context"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
)

// UpdateStateMachine changes a state machine's definition, role, logging or
// tracing, as [sfn.Client.UpdateStateMachine]. An update that changes
// something gives the machine a new revisionId; one that changes nothing
// keeps it (and a machine never changed has none, as recorded in
// test_empty_revision_with_publish_*). Executions already started keep the
// definition they started with. publish=true then publishes the current
// revision as PublishStateMachineVersion does, so an update that changed
// nothing returns the existing version. A version or alias ARN is
// StateMachineDoesNotExist, as recorded (test_update_state_machine). optFns
// are accepted and ignored.
func (e *Engine) UpdateStateMachine(ctx context.Context, in *sfn.UpdateStateMachineInput, optFns ...func(*sfn.Options)) (*sfn.UpdateStateMachineOutput, error) {
	const op = "UpdateStateMachine"
	if err := begin(ctx, op, "stateMachineArn", in != nil && in.StateMachineArn != nil); err != nil {
		return nil, err
	}
	ch, err := checkUpdate(op, in)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, err := e.lookupQualifiedLocked(op, *in.StateMachineArn)
	if err != nil {
		return nil, err
	}
	if t.version != nil || t.alias != nil {
		return nil, stateMachineDoesNotExist(op, *in.StateMachineArn)
	}
	m := t.machine
	if m.status == types.StateMachineStatusDeleting {
		return nil, stateMachineDeleting(op, m.arn)
	}
	if ch.def != nil {
		if err := checkType(op, ch.def, m.typ); err != nil {
			return nil, err
		}
	}
	if ch.differs(m) {
		ch.apply(m)
		m.revision = e.uuidLocked()
	}
	out := &sfn.UpdateStateMachineOutput{UpdateDate: aws.Time(e.now()), RevisionId: optString(m.revision)}
	if in.Publish {
		v, err := e.publishLocked(op, m, aws.ToString(in.VersionDescription))
		if err != nil {
			return nil, err
		}
		out.StateMachineVersionArn = aws.String(v.arn)
	}
	return out, nil
}

// update is a validated UpdateStateMachine: nil fields are left as they are.
type update struct {
	definition *string
	def        *asl.Definition
	roleArn    *string
	logging    *types.LoggingConfiguration
	tracing    *types.TracingConfiguration
}

// checkUpdate validates an UpdateStateMachine input without the engine's
// state.
func checkUpdate(op string, in *sfn.UpdateStateMachineInput) (update, error) {
	if in.Definition == nil && in.RoleArn == nil && in.LoggingConfiguration == nil && in.TracingConfiguration == nil && in.EncryptionConfiguration == nil {
		return update{}, validationReason(op, "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
			types.ValidationExceptionReasonMissingRequiredParameter)
	}
	if in.VersionDescription != nil && !in.Publish {
		return update{}, opError(op, &types.ValidationException{Message: aws.String("Version description can only be set when publish is true")})
	}
	if err := checkDescription(op, "versionDescription", in.VersionDescription); err != nil {
		return update{}, err
	}
	u := update{definition: in.Definition, roleArn: in.RoleArn}
	if in.RoleArn != nil {
		if problem := roleArnProblem(*in.RoleArn); problem != "" {
			return update{}, invalidArnMessage(op, problem)
		}
	}
	if in.Definition != nil {
		if len(*in.Definition) > 1024*1024 {
			return update{}, validation(op, "Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576")
		}
		def, err := asl.Parse(*in.Definition)
		if err != nil {
			return update{}, invalidDefinition(op, definitionMessage(err))
		}
		u.def = def
	}
	if in.LoggingConfiguration != nil {
		u.logging = loggingOrDefault(in.LoggingConfiguration)
	}
	if in.TracingConfiguration != nil {
		u.tracing = tracingOrDefault(in.TracingConfiguration)
	}
	return u, nil
}

// differs reports whether applying u would change m.
func (u update) differs(m *stateMachine) bool {
	return u.definition != nil && *u.definition != m.definition ||
		u.roleArn != nil && *u.roleArn != m.roleArn ||
		u.logging != nil && !reflect.DeepEqual(u.logging, m.logging) ||
		u.tracing != nil && !reflect.DeepEqual(u.tracing, m.tracing)
}

func (u update) apply(m *stateMachine) {
	if u.definition != nil {
		m.definition, m.def = *u.definition, u.def
	}
	if u.roleArn != nil {
		m.roleArn = *u.roleArn
	}
	if u.logging != nil {
		m.logging = u.logging
	}
	if u.tracing != nil {
		m.tracing = u.tracing
	}
}
