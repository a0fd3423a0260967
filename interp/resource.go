package interp

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// resourceKind says which family of history events a Task state writes.
type resourceKind int

const (
	kindService  resourceKind = iota // arn:aws:states:::<service>:<action>: Task* events
	kindLambda                       // a Lambda function ARN: LambdaFunction* events
	kindActivity                     // an activity ARN: Activity* events
)

// resource is a Task state's Resource split the way AWS reports it in
// TaskScheduled and its sibling events.
type resource struct {
	arn      string
	kind     resourceKind
	typ      string // resourceType, e.g. "lambda" or "aws-sdk:s3"
	name     string // resource, e.g. "invoke.waitForTaskToken"
	callback bool   // .waitForTaskToken: completes only by SendTask*

	// Pointers to the strings above, shared by every event that reports
	// them (stored events are never modified).
	arnp, typp, namep *string

	// The details every event of this resource shares (see
	// history.Log.AppendText): Scheduled without timeouts, Started,
	// Succeeded and Submitted. Never modified once built.
	scheduled, started, succeeded, submitted any
}

// Resources caches parsed Task resources and the event details they share,
// so that the runs of one engine parse each resource once. Its zero value
// is empty and ready. It is not safe for concurrent use: give each engine
// (each set of runs driven under one lock) its own.
type Resources struct {
	m       map[resourceKey]*resource
	started *types.ExecutionStartedEventDetails // the last ExecutionStarted details made (startedDetails)
	names   map[*string]*history.Names          // by the address of a machine's StateNames (namesOf)
	scratch []byte                              // keepJSON's buffer, reused
}

type resourceKey struct{ arn, region string }

// resourceOf returns the parsed Resource, parsing each distinct one once per
// Config.Resources (per run without one).
func (r *Run) resourceOf(arn string) *resource {
	if res := r.lastResource; res != nil && res.arn == arn {
		return res // most machines call one or two resources: no hashing
	}
	res := r.lookupResource(arn)
	r.lastResource = res
	return res
}

// cache returns the run's Resources: the engine's, or the run's own.
func (r *Run) cache() *Resources {
	if r.cfg.Resources != nil {
		return r.cfg.Resources
	}
	if r.resources == nil {
		r.resources = &Resources{}
	}
	return r.resources
}

func (r *Run) lookupResource(arn string) *resource {
	cache := r.cache()
	key := resourceKey{arn: arn, region: r.cfg.Execution.Region}
	if res, ok := cache.m[key]; ok {
		return res
	}
	res := parseResource(arn)
	res.shareDetails(key.region)
	if cache.m == nil {
		cache.m = map[resourceKey]*resource{}
	}
	cache.m[key] = res
	return res
}

// shareDetails builds the details templates of res's events.
func (res *resource) shareDetails(region string) {
	switch res.kind {
	case kindLambda:
		res.scheduled = &types.LambdaFunctionScheduledEventDetails{Resource: res.arnp}
		res.succeeded = &types.LambdaFunctionSucceededEventDetails{}
	case kindActivity:
		res.scheduled = &types.ActivityScheduledEventDetails{Resource: res.arnp}
		res.started = &types.ActivityStartedEventDetails{}
		res.succeeded = &types.ActivitySucceededEventDetails{}
	default:
		res.scheduled = &types.TaskScheduledEventDetails{ResourceType: res.typp, Resource: res.namep, Region: &region}
		res.started = &types.TaskStartedEventDetails{ResourceType: res.typp, Resource: res.namep}
		res.succeeded = &types.TaskSucceededEventDetails{ResourceType: res.typp, Resource: res.namep}
		res.submitted = &types.TaskSubmittedEventDetails{ResourceType: res.typp, Resource: res.namep}
	}
}

// parseResource splits a Resource ARN. Service integrations
// (arn:<partition>:states:::<service>:<action>[.sync|.waitForTaskToken]) are
// reported as resourceType <service> (everything between the ":::" and the
// last ':', so "aws-sdk:s3") and resource <action>.
func parseResource(arn string) *resource {
	r := splitResource(arn)
	r.arnp, r.typp, r.namep = &r.arn, &r.typ, &r.name
	return &r
}

func splitResource(arn string) resource {
	r := resource{arn: arn, kind: kindService}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 && parts[2] == "lambda" && strings.HasPrefix(parts[5], "function:") {
		r.kind = kindLambda
		return r
	}
	if len(parts) == 6 && parts[2] == "states" && strings.HasPrefix(parts[5], "activity:") {
		r.kind = kindActivity
		return r
	}
	rest := arn
	if i := strings.Index(arn, ":::"); i >= 0 {
		rest = arn[i+3:]
	}
	if j := strings.LastIndex(rest, ":"); j >= 0 {
		r.typ, r.name = rest[:j], rest[j+1:]
	} else {
		r.name = rest
	}
	r.callback = strings.HasSuffix(r.name, ".waitForTaskToken")
	return r
}

// namesOf returns the history names of the state machine def belongs to,
// made once per machine (per Config.Resources, or per run without one) and
// shared by every run of it: the logs of its executions then name states
// by index, never storing a name. Nil for a definition with no StateNames.
func (r *Run) namesOf(def *asl.Definition) *history.Names {
	if len(def.StateNames) == 0 {
		return nil
	}
	cache := r.cache()
	key := &def.StateNames[0]
	if n, ok := cache.names[key]; ok {
		return n
	}
	n := history.NewNames(def.StateNames)
	if cache.names == nil || len(cache.names) >= maxCachedNames {
		cache.names = map[*string]*history.Names{} // bounded: an engine may see many machines
	}
	cache.names[key] = n
	return n
}

// maxCachedNames bounds the machines whose names a Resources keeps.
const maxCachedNames = 1024

// stateName returns what the Entered and Exited events of st share: its
// name in the machine's names, or the name itself for a state those do
// not hold (a definition not made by asl.Parse).
func (r *Run) stateName(st *asl.State) any {
	if n := r.names; n != nil && st.Index < n.Len() {
		if nm := n.At(st.Index); nm.String() == st.Name {
			return nm
		}
	}
	return &st.Name
}

// keepJSON returns v's compact JSON as the run's log keeps it for the event
// about to be appended with it (history.Log.Keep): encoded into a buffer
// the runs reuse and copied once, into the log, it allocates nothing of its
// own, where a string encoded for each state would be garbage as soon as
// the log had copied it. ok is false, and nothing is kept, for a text over
// MaxPayload (the caller fails the state for its size).
func (r *Run) keepJSON(v any) (text string, ok bool) {
	c := r.cache()
	b, err := jsonv.Append(c.scratch[:0], v)
	if err != nil {
		panic("interp: " + err.Error()) // values the interpreter builds always encode
	}
	if cap(b) != cap(c.scratch) {
		c.scratch = b[:0] // grown: a pointer written only then
	}
	if len(b) > MaxPayload {
		return "", false
	}
	return r.log.Keep(b), true
}
