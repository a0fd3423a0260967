package sfnmem

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
)

// ValidateStateMachineDefinition checks a definition without creating a
// state machine, as [sfn.Client.ValidateStateMachineDefinition]: result OK,
// or FAIL with one diagnostic for each problem CreateStateMachine would
// report (code, message, location; severity ERROR). sfnmem reports no
// warnings. maxResults (0 means 100, at most 100) bounds the diagnostics,
// and truncated says whether some were left out. optFns are accepted and
// ignored.
func (e *Engine) ValidateStateMachineDefinition(ctx context.Context, in *sfn.ValidateStateMachineDefinitionInput, optFns ...func(*sfn.Options)) (*sfn.ValidateStateMachineDefinitionOutput, error) {
	const op = "ValidateStateMachineDefinition"
	if err := begin(ctx, op, "definition", in != nil && in.Definition != nil); err != nil {
		return nil, err
	}
	switch in.Type {
	case "", types.StateMachineTypeStandard, types.StateMachineTypeExpress:
	default:
		return nil, validation(op, "Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]", in.Type)
	}
	switch in.Severity {
	case "", types.ValidateStateMachineDefinitionSeverityError, types.ValidateStateMachineDefinitionSeverityWarning:
	default:
		return nil, validation(op, "Value '%s' at 'severity' failed to satisfy constraint: Member must satisfy enum value set: [ERROR, WARNING]", in.Severity)
	}
	limit := int(in.MaxResults)
	switch {
	case limit < 0 || limit > 100:
		return nil, validation(op, "Value '%d' at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 100", in.MaxResults)
	case limit == 0:
		limit = 100
	}
	problems := definitionProblems(*in.Definition, in.Type)
	out := &sfn.ValidateStateMachineDefinitionOutput{
		Result:      types.ValidateStateMachineDefinitionResultCodeOk,
		Diagnostics: []types.ValidateStateMachineDefinitionDiagnostic{},
		Truncated:   aws.Bool(len(problems) > limit),
	}
	if len(problems) > 0 {
		out.Result = types.ValidateStateMachineDefinitionResultCodeFail
	}
	for _, p := range problems[:min(limit, len(problems))] {
		out.Diagnostics = append(out.Diagnostics, types.ValidateStateMachineDefinitionDiagnostic{
			Code: aws.String(p.Code), Message: aws.String(p.Message), Location: optString(p.Location),
			Severity: types.ValidateStateMachineDefinitionSeverityError,
		})
	}
	return out, nil
}

// definitionProblems is every problem asl.Parse and the type's rules find.
func definitionProblems(text string, typ types.StateMachineType) []asl.Problem {
	def, err := asl.Parse(text)
	var de *asl.DefinitionError
	switch {
	case errors.As(err, &de):
		return de.Problems
	case err != nil:
		return []asl.Problem{{Code: asl.CodeSchemaValidationFailed, Message: err.Error()}}
	case typ == types.StateMachineTypeExpress:
		return def.ExpressProblems()
	}
	return nil
}
