package sfnmem_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/sdkcmp"
)

func TestTags(t *testing.T) {
	e, _ := newEngine(t)
	ctx := context.Background()
	out, err := e.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("tagged"), RoleArn: aws.String(role),
		Definition: aws.String(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`),
		Tags:       []types.Tag{{Key: aws.String("team"), Value: aws.String("pay")}}})
	if err != nil {
		t.Fatal(err)
	}
	sm := out.StateMachineArn
	list := func() []types.Tag {
		t.Helper()
		got, err := e.ListTagsForResource(ctx, &sfn.ListTagsForResourceInput{ResourceArn: sm})
		if err != nil {
			t.Fatal(err)
		}
		return got.Tags
	}
	if _, err := e.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: sm, Tags: []types.Tag{
		{Key: aws.String("env"), Value: aws.String("test")}, {Key: aws.String("team"), Value: aws.String("ops")}}}); err != nil {
		t.Fatal(err)
	}
	want := []types.Tag{{Key: aws.String("env"), Value: aws.String("test")}, {Key: aws.String("team"), Value: aws.String("ops")}}
	if diff := cmp.Diff(want, list(), sdkcmp.Options); diff != "" {
		t.Errorf("after TagResource (-want +got):\n%s", diff)
	}
	if _, err := e.UntagResource(ctx, &sfn.UntagResourceInput{ResourceArn: sm, TagKeys: []string{"env", "absent"}}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[1:], list(), sdkcmp.Options); diff != "" {
		t.Errorf("after UntagResource (-want +got):\n%s", diff)
	}

	_, err = e.ListTagsForResource(ctx, &sfn.ListTagsForResourceInput{ResourceArn: aws.String(*sm + "x")})
	wantAPIError[*types.ResourceNotFound](t, "ListTagsForResource(unknown)", err)
	_, err = e.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: sm, Tags: []types.Tag{{Key: aws.String(strings.Repeat("k", 129))}}})
	wantAPIError[*types.ValidationException](t, "TagResource(long key)", err)
	many := make([]types.Tag, 50)
	for i := range many {
		many[i] = types.Tag{Key: aws.String(strings.Repeat("k", i+1))}
	}
	_, err = e.TagResource(ctx, &sfn.TagResourceInput{ResourceArn: sm, Tags: many}) // 50 new + "team" = 51
	wantAPIError[*types.TooManyTags](t, "TagResource(51 tags)", err)
	if got := len(list()); got != 1 {
		t.Errorf("a refused TagResource changed the tags: %d", got)
	}
}
