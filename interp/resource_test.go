package interp

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
)

// Runs that share a Resources cache write the same TaskScheduled events as
// runs with their own, each with its own Region.
func TestSharedResourcesKeepEachRunsRegion(t *testing.T) {
	t.Parallel()
	d, err := asl.Parse(`{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}}}`)
	if err != nil {
		t.Fatal(err)
	}
	var shared Resources
	for _, region := range []string{"us-east-1", "eu-west-1", "us-east-1"} {
		for _, cache := range []*Resources{&shared, nil} {
			log := history.NewLog(0)
			_, err := Start(Config{
				Definition: d, Log: log, Rand: snapRand{}, Resources: cache,
				Execution: Execution{ARN: "arn:aws:states:" + region + ":123456789012:execution:m:x", Name: "x",
					Input: `{}`, StartTime: snapT0, Region: region},
				Tokens: TokenFunc(func(id int64) string { return "tok" }),
			}, snapT0)
			if err != nil {
				t.Fatal(err)
			}
			ev, ok := log.Event(3) // ExecutionStarted, TaskStateEntered, TaskScheduled
			if !ok || ev.Type != types.HistoryEventTypeTaskScheduled {
				t.Fatalf("event 3 is %v, want TaskScheduled", ev.Type)
			}
			d := ev.TaskScheduledEventDetails
			if got := aws.ToString(d.Region); got != region {
				t.Errorf("shared=%v: Region %q, want %q", cache != nil, got, region)
			}
			if aws.ToString(d.ResourceType) != "sqs" || aws.ToString(d.Resource) != "sendMessage" {
				t.Errorf("shared=%v: resource %s/%s, want sqs/sendMessage", cache != nil, aws.ToString(d.ResourceType), aws.ToString(d.Resource))
			}
		}
	}
	if len(shared.m) != 2 {
		t.Errorf("the shared cache holds %d resources, want 2 (one per region)", len(shared.m))
	}
}
