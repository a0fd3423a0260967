package sfnmem

import (
	"context"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
)

// maxTags is the Step Functions quota on tags per resource (DG-Quotas).
const maxTags = 50

// TagResource adds or replaces tags on a state machine, as
// [sfn.Client.TagResource]. Keys are 1–128 characters and values at most
// 256; more than 50 tags on one resource is TooManyTags. optFns are accepted
// and ignored.
func (e *Engine) TagResource(ctx context.Context, in *sfn.TagResourceInput, optFns ...func(*sfn.Options)) (*sfn.TagResourceOutput, error) {
	const op = "TagResource"
	if err := begin(ctx, op, "resourceArn", in != nil && in.ResourceArn != nil); err != nil {
		return nil, err
	}
	if in.Tags == nil {
		return nil, missingRequired(op, "tags")
	}
	if err := validateTags(op, in.Tags); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.taggableLocked(op, *in.ResourceArn)
	if err != nil {
		return nil, err
	}
	tags := mergeTags(m.tags, in.Tags)
	if len(tags) > maxTags {
		return nil, opError(op, &types.TooManyTags{Message: aws.String("Too many tags: '" + m.arn + "'"), ResourceName: aws.String(m.arn)})
	}
	m.tags = tags
	return &sfn.TagResourceOutput{}, nil
}

// UntagResource removes tags by key from a state machine, as
// [sfn.Client.UntagResource]; keys it does not have are ignored. optFns are
// accepted and ignored.
func (e *Engine) UntagResource(ctx context.Context, in *sfn.UntagResourceInput, optFns ...func(*sfn.Options)) (*sfn.UntagResourceOutput, error) {
	const op = "UntagResource"
	if err := begin(ctx, op, "resourceArn", in != nil && in.ResourceArn != nil); err != nil {
		return nil, err
	}
	if in.TagKeys == nil {
		return nil, missingRequired(op, "tagKeys")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.taggableLocked(op, *in.ResourceArn)
	if err != nil {
		return nil, err
	}
	tags := mergeTags(m.tags, nil)
	for _, k := range in.TagKeys {
		delete(tags, k)
	}
	m.tags = tags
	return &sfn.UntagResourceOutput{}, nil
}

// ListTagsForResource lists a state machine's tags, sorted by key, as
// [sfn.Client.ListTagsForResource]. optFns are accepted and ignored.
func (e *Engine) ListTagsForResource(ctx context.Context, in *sfn.ListTagsForResourceInput, optFns ...func(*sfn.Options)) (*sfn.ListTagsForResourceOutput, error) {
	const op = "ListTagsForResource"
	if err := begin(ctx, op, "resourceArn", in != nil && in.ResourceArn != nil); err != nil {
		return nil, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	m, err := e.taggableLocked(op, *in.ResourceArn)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(m.tags))
	for k := range m.tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := &sfn.ListTagsForResourceOutput{Tags: []types.Tag{}}
	for _, k := range keys {
		out.Tags = append(out.Tags, types.Tag{Key: aws.String(k), Value: aws.String(m.tags[k])})
	}
	return out, nil
}

// taggableLocked resolves the ARN of a taggable resource: a state machine
// (activities are not modelled). Unknown ones are ResourceNotFound.
func (e *Engine) taggableLocked(op, arn string) (*stateMachine, error) {
	a, err := parseARN(op, arn, execution.KindStateMachine)
	if err != nil {
		return nil, err
	}
	m, ok := e.machines[arn]
	if !ok || a.Qualifier != "" || a.Label != "" {
		return nil, opError(op, &types.ResourceNotFound{Message: aws.String("Resource not found: '" + arn + "'"), ResourceName: aws.String(arn)})
	}
	return m, nil
}

// validateTags checks tag keys (1–128 characters) and values (at most 256).
func validateTags(op string, tags []types.Tag) error {
	for _, t := range tags {
		switch {
		case t.Key == nil || *t.Key == "":
			return validation(op, "Value at 'tags' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]")
		case len([]rune(*t.Key)) > 128:
			return validation(op, "Value '%s' at 'tags.key' failed to satisfy constraint: Member must have length less than or equal to 128", *t.Key)
		case t.Value != nil && len([]rune(*t.Value)) > 256:
			return validation(op, "Value '%s' at 'tags.value' failed to satisfy constraint: Member must have length less than or equal to 256", *t.Value)
		}
	}
	if len(tags) > maxTags {
		return opError(op, &types.TooManyTags{Message: aws.String("Too many tags")})
	}
	return nil
}

// mergeTags returns a new map of old with tags added or replacing.
func mergeTags(old map[string]string, tags []types.Tag) map[string]string {
	out := make(map[string]string, len(old)+len(tags))
	for k, v := range old {
		out[k] = v
	}
	for _, t := range tags {
		out[*t.Key] = aws.ToString(t.Value)
	}
	return out
}
