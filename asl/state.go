package asl

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sfnmem/sfnmem/asl/intrinsic"
)

// stateFields lists, per state type, the fields a JSONPath state may carry.
var stateFields = map[string][]string{
	TypePass: {"Type", "Comment", "QueryLanguage", "Next", "End",
		"InputPath", "OutputPath", "ResultPath", "Parameters", "Result"},
	TypeTask: {"Type", "Comment", "QueryLanguage", "Next", "End",
		"InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
		"Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
		"HeartbeatSecondsPath", "Credentials", "Retry", "Catch"},
	TypeChoice: {"Type", "Comment", "QueryLanguage", "InputPath", "OutputPath",
		"Choices", "Default"},
	TypeWait: {"Type", "Comment", "QueryLanguage", "Next", "End",
		"InputPath", "OutputPath", "Seconds", "SecondsPath", "Timestamp", "TimestampPath"},
	TypeSucceed: {"Type", "Comment", "QueryLanguage", "InputPath", "OutputPath"},
	TypeFail:    {"Type", "Comment", "QueryLanguage", "Error", "ErrorPath", "Cause", "CausePath"},
	TypeParallel: {"Type", "Comment", "QueryLanguage", "Next", "End",
		"InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
		"Branches", "Retry", "Catch"},
	TypeMap: {"Type", "Comment", "QueryLanguage", "Next", "End",
		"InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
		"Retry", "Catch", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector",
		"MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
		"ToleratedFailureCountPath", "ToleratedFailurePercentage",
		"ToleratedFailurePercentagePath", "Label", "ItemReader", "ItemBatcher", "ResultWriter"},
}

func (p *parser) state(name string, o *object, loc string) *State {
	f := fields{ps: &p.ps, o: o, loc: loc}
	st := &State{Name: name}
	typ, ok := f.str("Type")
	if !ok {
		if !f.has("Type") {
			f.required("Type")
		}
		return st
	}
	allowed, known := stateFields[typ]
	if !known {
		p.ps.schema(child(loc, "Type"), "Field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]")
		return st
	}
	st.Type = typ
	f.supported(allowed...)
	p.queryLanguage(f)
	can := func(k string) bool { return contains(allowed, k) }

	st.Comment, _ = f.str("Comment")
	if can("Next") {
		p.transition(f, st)
	}
	st.InputPath = f.path("InputPath", true)
	st.OutputPath = f.path("OutputPath", true)
	if can("ResultPath") {
		st.ResultPath = f.refPath("ResultPath")
	}
	if can("ResultSelector") {
		st.ResultSelector = p.template(f, "ResultSelector")
	}
	if can("Retry") {
		st.Retry = p.retriers(f)
		st.Catch = p.catchers(f)
	}
	switch typ {
	case TypePass:
		st.Parameters = p.template(f, "Parameters")
		if v, ok := get(o, "Result"); ok {
			st.Result, st.HasResult = plain(v), true
		}
	case TypeTask:
		st.Parameters = p.template(f, "Parameters")
		p.task(f, st)
	case TypeChoice:
		p.choice(f, st)
	case TypeWait:
		p.wait(f, st)
	case TypeFail:
		p.fail(f, st)
	case TypeParallel:
		st.Parameters = p.template(f, "Parameters")
		p.parallel(f, st)
	case TypeMap:
		p.mapState(f, st)
	}
	return st
}

// transition reads Next and End: a non-terminal state has exactly one.
func (p *parser) transition(f fields, st *State) {
	st.Next = f.target("Next")
	st.End, _ = f.boolean("End")
	switch {
	case f.has("Next") && st.End:
		f.ps.schema(f.loc, "Fields 'Next' and 'End' are mutually exclusive")
	case !f.has("Next") && !st.End && !f.has("End"):
		f.ps.schema(f.loc, "Exactly one of the fields [Next, End] is required")
	case !f.has("Next") && !st.End:
		f.ps.schema(child(f.loc, "End"), "Field 'End' must be true when 'Next' is absent")
	}
}

// template reads a payload template field, which must be a JSON object.
func (p *parser) template(f fields, k string) *Template {
	o, ok := f.obj(k)
	if !ok {
		return nil
	}
	raw := plain(o)
	validateTemplate(f.ps, raw, child(f.loc, k))
	return &Template{raw: raw, root: compile(raw)}
}

func (p *parser) task(f fields, st *State) {
	f.required("Resource")
	if res, ok := f.str("Resource"); ok {
		st.Resource = p.intern(res)
		if !validARN(res) {
			f.ps.schema(child(f.loc, "Resource"), "Value is not a valid resource ARN")
		}
	}
	st.TimeoutSeconds, _ = f.integer("TimeoutSeconds", 1, maxSeconds)
	st.TimeoutSecondsPath = f.pathString("TimeoutSecondsPath")
	f.exclusive("TimeoutSeconds", "TimeoutSecondsPath")
	st.HeartbeatSeconds, _ = f.integer("HeartbeatSeconds", 1, maxSeconds)
	st.HeartbeatSecondsPath = f.pathString("HeartbeatSecondsPath")
	f.exclusive("HeartbeatSeconds", "HeartbeatSecondsPath")
	if st.TimeoutSeconds != nil && st.HeartbeatSeconds != nil && *st.HeartbeatSeconds >= *st.TimeoutSeconds {
		f.ps.schema(child(f.loc, "HeartbeatSeconds"), "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'")
	}
	if v, ok := get(f.o, "Credentials"); ok {
		if _, isObj := v.(*object); !isObj {
			f.ps.schema(child(f.loc, "Credentials"), "Field 'Credentials' must be an object")
		} else {
			st.Credentials = plain(v)
		}
	}
}

// validARN reports whether s has the shape arn:partition:service:region:account:resource.
func validARN(s string) bool {
	parts := strings.SplitN(s, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[1] != "" && parts[2] != "" && parts[5] != ""
}

func (p *parser) choice(f fields, st *State) {
	f.required("Choices")
	if rules, ok := f.array("Choices"); ok {
		loc := child(f.loc, "Choices")
		if len(rules) == 0 {
			f.ps.schema(loc, "Field 'Choices' must contain at least one Choice Rule")
		}
		for i, r := range rules {
			if rule := p.rule(r, index(loc, i), true); rule != nil {
				st.Choices = append(st.Choices, rule)
			}
		}
	}
	st.Default = f.target("Default")
}

func (p *parser) wait(f fields, st *State) {
	n := 0
	for _, k := range []string{"Seconds", "SecondsPath", "Timestamp", "TimestampPath"} {
		if f.has(k) {
			n++
		}
	}
	if n != 1 {
		f.ps.schema(f.loc, "Exactly one of the fields [Seconds, SecondsPath, Timestamp, TimestampPath] is required")
	}
	st.Seconds, _ = f.integer("Seconds", 0, maxSeconds)
	st.SecondsPath = f.pathString("SecondsPath")
	st.TimestampPath = f.pathString("TimestampPath")
	if ts, ok := f.str("Timestamp"); ok {
		t, err := parseTimestamp(ts)
		if err != nil {
			f.ps.schema(child(f.loc, "Timestamp"), "The value for the field 'Timestamp' must be a valid RFC3339 timestamp")
		} else {
			st.Timestamp = &t
		}
	}
}

func (p *parser) fail(f fields, st *State) {
	f.exclusive("Error", "ErrorPath")
	f.exclusive("Cause", "CausePath")
	st.Error, _ = f.str("Error")
	st.Cause, _ = f.str("Cause")
	st.ErrorPath = pathOrCall(f, "ErrorPath")
	st.CausePath = pathOrCall(f, "CausePath")
}

// pathOrCall reads a field whose value is a path or an intrinsic function
// call (ErrorPath, CausePath).
func pathOrCall(f fields, k string) string {
	s, ok := f.str(k)
	if !ok {
		return ""
	}
	if !validPathOrCall(s) {
		f.ps.schema(child(f.loc, k), "The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call", k)
		return ""
	}
	return s
}

func validPathOrCall(s string) bool {
	if intrinsic.IsCall(s) {
		return intrinsic.Validate(s) == nil
	}
	return validPath(s)
}

func (p *parser) parallel(f fields, st *State) {
	f.required("Branches")
	branches, ok := f.array("Branches")
	if !ok {
		return
	}
	loc := child(f.loc, "Branches")
	if len(branches) == 0 {
		f.ps.schema(loc, "Field 'Branches' must contain at least one branch")
	}
	for i, b := range branches {
		bo, ok := b.(*object)
		if !ok {
			f.ps.schema(index(loc, i), "A branch must be a JSON object")
			continue
		}
		st.Branches = append(st.Branches, p.definition(bo, index(loc, i), containerBranch))
	}
}

// distributedOnly lists the Map fields that only a Distributed Map accepts.
var distributedOnly = []string{"ItemReader", "ItemBatcher", "ResultWriter", "Label",
	"ToleratedFailureCount", "ToleratedFailureCountPath",
	"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"}

func (p *parser) mapState(f fields, st *State) {
	switch {
	case f.has("ItemProcessor") && f.has("Iterator"):
		f.exclusive("ItemProcessor", "Iterator")
	case f.has("ItemProcessor"):
		if o, ok := f.obj("ItemProcessor"); ok {
			st.ItemProcessor = p.definition(o, child(f.loc, "ItemProcessor"), containerProcessor)
			p.processorConfig(fields{ps: f.ps, o: o, loc: child(f.loc, "ItemProcessor")}, st.ItemProcessor)
		}
	case f.has("Iterator"):
		if o, ok := f.obj("Iterator"); ok {
			st.ItemProcessor = p.definition(o, child(f.loc, "Iterator"), containerIterator)
			st.ItemProcessor.ProcessorMode = "INLINE"
		}
	default:
		f.required("ItemProcessor")
	}
	st.ItemsPath = f.path("ItemsPath", false)
	if f.exclusive("ItemSelector", "Parameters") {
		st.ItemSelector = p.template(f, "ItemSelector")
		if st.ItemSelector == nil {
			st.ItemSelector = p.template(f, "Parameters")
		}
	}
	if mc, ok := f.integer("MaxConcurrency", 0, maxSeconds); ok {
		st.MaxConcurrency = *mc
	}
	st.MaxConcurrencyPath = f.pathString("MaxConcurrencyPath")
	f.exclusive("MaxConcurrency", "MaxConcurrencyPath")
	st.ToleratedFailureCount, _ = f.integer("ToleratedFailureCount", 0, maxSeconds)
	st.ToleratedFailureCountPath = f.pathString("ToleratedFailureCountPath")
	f.exclusive("ToleratedFailureCount", "ToleratedFailureCountPath")
	st.ToleratedFailurePercentage, _ = f.number("ToleratedFailurePercentage", 0, 100)
	st.ToleratedFailurePercentagePath = f.pathString("ToleratedFailurePercentagePath")
	f.exclusive("ToleratedFailurePercentage", "ToleratedFailurePercentagePath")
	if label, ok := f.str("Label"); ok {
		st.Label = label
		if !validLabel(label) {
			f.ps.schema(child(f.loc, "Label"), "The value for the field 'Label' must be at most 40 characters and contain no whitespace, control characters or any of ?*<>{}[]:;,\\|^~$#%%&`\"")
		}
	}
	for _, k := range []string{"ItemReader", "ItemBatcher", "ResultWriter"} {
		if o, ok := f.obj(k); ok {
			m := plain(o).(map[string]any)
			switch k {
			case "ItemReader":
				st.ItemReader = m
			case "ItemBatcher":
				st.ItemBatcher = m
			case "ResultWriter":
				st.ResultWriter = m
			}
		}
	}
	if st.ItemProcessor != nil && st.ItemProcessor.ProcessorMode != "DISTRIBUTED" {
		for _, k := range distributedOnly {
			if f.has(k) {
				f.ps.schema(f.loc, "Field '%s' is only supported when the ProcessorConfig Mode is 'DISTRIBUTED'", k)
			}
		}
	}
}

// processorConfig reads an ItemProcessor's ProcessorConfig into def.
func (p *parser) processorConfig(f fields, def *Definition) {
	def.ProcessorMode = "INLINE"
	o, ok := f.obj("ProcessorConfig")
	if !ok {
		return
	}
	cf := fields{ps: f.ps, o: o, loc: child(f.loc, "ProcessorConfig")}
	cf.supported("Mode", "ExecutionType")
	if mode, ok := cf.str("Mode"); ok {
		if mode != "INLINE" && mode != "DISTRIBUTED" {
			cf.ps.schema(child(cf.loc, "Mode"), "The value for the field 'Mode' must be one of [INLINE, DISTRIBUTED]")
		} else {
			def.ProcessorMode = mode
		}
	}
	if et, ok := cf.str("ExecutionType"); ok {
		if et != "STANDARD" && et != "EXPRESS" {
			cf.ps.schema(child(cf.loc, "ExecutionType"), "The value for the field 'ExecutionType' must be one of [STANDARD, EXPRESS]")
		} else {
			def.ExecutionType = et
		}
	}
	if def.ProcessorMode == "DISTRIBUTED" && !cf.has("ExecutionType") {
		cf.required("ExecutionType")
	}
}

// validLabel applies the Map Run label rules (redrive-semantics.md 4.1).
func validLabel(s string) bool {
	if utf8.RuneCountInString(s) > 40 {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("?*<>{}[]:;,\\|^~$#%&`\"", r) {
			return false
		}
	}
	return true
}

// parseTimestamp parses an RFC3339 timestamp, as Wait and the Timestamp
// comparison operators require.
func parseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
