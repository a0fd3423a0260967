package execution

import (
	"strconv"
	"strings"
)

// ARN resource kinds used by Step Functions.
const (
	KindStateMachine = "stateMachine"
	KindExecution    = "execution"
	KindExpress      = "express"
	KindMapRun       = "mapRun"
	KindActivity     = "activity"
)

// ARN length limits of the API model (spec 4.1). AWS checks them as model
// constraints, so a violation is a ValidationException (see [LengthMessage]),
// not InvalidArn; the engine checks them per member before calling [ParseARN].
const (
	MaxARNLength     = 256  // Arn: state machine, execution, activity ARNs
	MaxLongARNLength = 2000 // LongArn: Map Run ARNs
)

// ARN is a parsed Step Functions ARN (spec 4.1).
//
//	arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<qualifier>]
//	arn:<partition>:states:<region>:<account>:stateMachine:<name>/<label>
//	arn:<partition>:states:<region>:<account>:execution:<sm>[/<label>]:<id>
//	arn:<partition>:states:<region>:<account>:express:<sm>[/<label>]:<id>:<expressId>
//	arn:<partition>:states:<region>:<account>:mapRun:<sm>/<label>:<runId>
//	arn:<partition>:states:<region>:<account>:activity:<name>
type ARN struct {
	Partition string
	Region    string
	Account   string
	Kind      string // one of the Kind constants
	Name      string // state machine or activity name
	Label     string // Map Run label, for labelled children, Map Runs and qualified state machine ARNs
	Qualifier string // version number or alias name, stateMachine kind only
	ID        string // execution name, or Map Run id
	ExpressID string // express kind only
}

// ARNError reports a string that is not a well-formed Step Functions ARN, or
// one of a kind the caller does not accept. Its Error is the message of the
// InvalidArn error AWS returns: `Invalid Arn: '<Reason>'`.
type ARNError struct {
	ARN    string // the rejected input
	Reason string // the text inside the quotes
}

// Error returns `Invalid Arn: '<Reason>'`, the InvalidArn message.
func (e *ARNError) Error() string { return "Invalid Arn: '" + e.Reason + "'" }

// ParseARN parses s. It returns an error for anything that is not a
// well-formed Step Functions ARN of one of the kinds above.
//
// The error is an *[ARNError] whose Error is the InvalidArn message. Two
// reasons are AWS's own recorded texts: "Invalid ARN prefix: <s>" for a
// string that does not start with "arn:", and "Resource type not valid in
// this context: <kind>" for an unknown resource type. The other reasons are
// this package's (docs/decisions.md). Names, labels and ids inside the ARN
// must pass [ValidateName] and [ValidateLabel]; a qualifier must be a version
// (a positive integer without leading zeros) or a valid alias name.
// ParseARN does not check [MaxARNLength]; it refuses input longer than
// [MaxLongARNLength].
func ParseARN(s string) (ARN, error) {
	fail := func(reason string) (ARN, error) {
		return ARN{}, &ARNError{ARN: s, Reason: reason}
	}
	if len(s) > MaxLongARNLength {
		return fail("ARN longer than " + strconv.Itoa(MaxLongARNLength) + " characters")
	}
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return fail("Invalid ARN prefix: " + s)
	}
	var f [5]string // partition, service, region, account, kind
	for i := range f {
		var found bool
		f[i], rest, found = strings.Cut(rest, ":")
		if !found {
			return fail("Invalid ARN, too few parts: " + s)
		}
	}
	a := ARN{Partition: f[0], Region: f[2], Account: f[3], Kind: f[4]}
	switch {
	case !validPartition(a.Partition):
		return fail("Invalid partition: " + a.Partition)
	case f[1] != "states":
		return fail("Invalid service: " + f[1])
	case !validRegion(a.Region):
		return fail("Invalid region: " + a.Region)
	case !validAccount(a.Account):
		return fail("Invalid account: " + a.Account)
	}
	if reason := a.parseResource(rest); reason != "" {
		return fail(reason)
	}
	return a, nil
}

// parseResource fills the kind-specific fields from the text after the kind
// and returns "" or the reason it is malformed.
func (a *ARN) parseResource(rest string) string {
	var buf [4]string
	parts := splitColons(rest, buf[:])
	var want int
	switch a.Kind {
	case KindStateMachine:
		return a.parseStateMachine(parts)
	case KindActivity:
		want = 1
	case KindExecution, KindMapRun:
		want = 2
	case KindExpress:
		want = 3
	default:
		return "Resource type not valid in this context: " + a.Kind
	}
	if len(parts) != want {
		return "Invalid " + a.Kind + " ARN, expected " + strconv.Itoa(want) + " parts after the resource type: " + rest
	}
	if a.Kind == KindActivity {
		a.Name = parts[0]
		return checkPart("activity name", a.Name)
	}
	var labelled bool
	a.Name, a.Label, labelled = strings.Cut(parts[0], "/")
	if reason := checkPart("state machine name", a.Name); reason != "" {
		return reason
	}
	if labelled {
		if reason := checkLabel(a.Label); reason != "" {
			return reason
		}
	} else if a.Kind == KindMapRun {
		return "Invalid mapRun ARN, missing the Map Run label: " + rest
	}
	a.ID = parts[1]
	what := "execution name"
	if a.Kind == KindMapRun {
		what = "Map Run id"
	}
	if reason := checkPart(what, a.ID); reason != "" {
		return reason
	}
	if a.Kind == KindExpress {
		a.ExpressID = parts[2]
		return checkPart("express id", a.ExpressID)
	}
	return ""
}

// splitColons splits s at its first len(buf)-1 colons into buf, without
// allocating; the last part keeps any further colons. With buf one longer
// than the most parts a valid ARN has, extra parts show as a count too large.
func splitColons(s string, buf []string) []string {
	n := 0
	for n < len(buf)-1 {
		before, after, found := strings.Cut(s, ":")
		if !found {
			break
		}
		buf[n] = before
		s = after
		n++
	}
	buf[n] = s
	return buf[:n+1]
}

func (a *ARN) parseStateMachine(parts []string) string {
	switch len(parts) {
	case 1, 2:
	default:
		return "Invalid stateMachine ARN, too many parts: " + strings.Join(parts, ":")
	}
	name, label, labelled := strings.Cut(parts[0], "/")
	a.Name = name
	if reason := checkPart("state machine name", name); reason != "" {
		return reason
	}
	if labelled {
		if len(parts) == 2 {
			return "Invalid stateMachine ARN, a labelled state machine has no qualifier: " + strings.Join(parts, ":")
		}
		a.Label = label
		return checkLabel(label)
	}
	if len(parts) == 2 {
		a.Qualifier = parts[1]
		if !validVersion(a.Qualifier) && !ValidAliasName(a.Qualifier) {
			return "Invalid qualifier, neither a version nor an alias name: " + a.Qualifier
		}
	}
	return ""
}

func checkPart(what, s string) string {
	if err := ValidateName(s); err != nil {
		return "Invalid " + what + ": " + err.(*NameError).Reason
	}
	return ""
}

func checkLabel(label string) string {
	if label == "" {
		return "Invalid Map Run label: empty"
	}
	if err := ValidateLabel(label); err != nil {
		return "Invalid Map Run label: " + err.(*NameError).Reason
	}
	return ""
}

// validPartition: non-empty, lower-case ASCII letters and hyphens.
func validPartition(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// validRegion: lower-case ASCII letters, digits and single hyphens, starting
// with a letter and not ending with a hyphen: "us-east-1", "us-gov-west-1",
// "cn-north-1", and also names such as "local" that emulators use.
func validRegion(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// validAccount: exactly 12 ASCII digits.
func validAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validVersion: a positive decimal integer without leading zeros that fits
// in an int64.
func validVersion(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// String formats the ARN back to its canonical text; ParseARN(a.String()) == a.
// Fields that do not belong to a's kind are left out.
func (a ARN) String() string {
	var b strings.Builder
	b.Grow(48 + len(a.Partition) + len(a.Region) + len(a.Name) + len(a.Label) + len(a.Qualifier) + len(a.ID) + len(a.ExpressID))
	b.WriteString("arn:")
	b.WriteString(a.Partition)
	b.WriteString(":states:")
	b.WriteString(a.Region)
	b.WriteByte(':')
	b.WriteString(a.Account)
	b.WriteByte(':')
	b.WriteString(a.Kind)
	b.WriteByte(':')
	b.WriteString(a.Name)
	switch a.Kind {
	case KindActivity:
		return b.String()
	case KindStateMachine:
		if a.Label != "" {
			b.WriteByte('/')
			b.WriteString(a.Label)
		} else if a.Qualifier != "" {
			b.WriteByte(':')
			b.WriteString(a.Qualifier)
		}
		return b.String()
	}
	if a.Label != "" || a.Kind == KindMapRun {
		b.WriteByte('/')
		b.WriteString(a.Label)
	}
	b.WriteByte(':')
	b.WriteString(a.ID)
	if a.Kind == KindExpress {
		b.WriteByte(':')
		b.WriteString(a.ExpressID)
	}
	return b.String()
}

// StateMachine returns the unqualified state machine ARN for the same
// partition, region, account and state machine name as a.
// It returns "" for an activity ARN, which names no state machine.
func (a ARN) StateMachine() string {
	if a.Kind == KindActivity {
		return ""
	}
	return StateMachineARN(a.Partition, a.Region, a.Account, a.Name)
}

// Labelled reports whether a carries a Map Run label: a Map Run, a child
// execution of a Distributed Map, or a labelled state machine ARN.
func (a ARN) Labelled() bool { return a.Label != "" }

// IsVersion reports whether a is a state machine version ARN (…:stateMachine:<name>:<n>).
func (a ARN) IsVersion() bool {
	return a.Kind == KindStateMachine && a.Label == "" && validVersion(a.Qualifier)
}

// IsAlias reports whether a is a state machine alias ARN (…:stateMachine:<name>:<alias>).
func (a ARN) IsAlias() bool {
	return a.Kind == KindStateMachine && a.Label == "" && ValidAliasName(a.Qualifier)
}

// Version returns the version number of a version ARN, and 0 for any other ARN.
func (a ARN) Version() int64 {
	if !a.IsVersion() {
		return 0
	}
	n, _ := strconv.ParseInt(a.Qualifier, 10, 64)
	return n
}

// Require returns nil if a's kind is one of kinds, and otherwise the
// *[ARNError] AWS answers with when an ARN of the wrong type is passed, e.g.
// `Invalid Arn: 'Resource type not valid in this context: stateMachine'`
// for a state machine ARN given to DescribeExecution.
func (a ARN) Require(kinds ...string) error {
	for _, k := range kinds {
		if a.Kind == k {
			return nil
		}
	}
	return &ARNError{ARN: a.String(), Reason: "Resource type not valid in this context: " + a.Kind}
}

// StateMachineARN builds arn:<partition>:states:<region>:<account>:stateMachine:<name>.
func StateMachineARN(partition, region, account, name string) string {
	return "arn:" + partition + ":states:" + region + ":" + account + ":" + KindStateMachine + ":" + name
}

// ExecutionARN builds the Standard execution ARN for execution name in the
// state machine smARN (unqualified): …:execution:<sm>:<name>.
//
// A version or alias qualifier on smARN is dropped: executions started
// through a version or alias keep the state machine's ARN (spec 4.1). A
// labelled smARN (…:stateMachine:<sm>/<label>) gives the labelled child ARN.
func ExecutionARN(smARN, name string) string {
	a, err := ParseARN(smARN)
	if err != nil || a.Kind != KindStateMachine || a.Label != "" {
		return childARN(smARN, KindExecution) + ":" + name
	}
	// The common case in one allocation: every execution is named so.
	return "arn:" + a.Partition + ":states:" + a.Region + ":" + a.Account + ":" + KindExecution + ":" + a.Name + ":" + name
}

// ExecutionARNPrefix returns what ExecutionARN(smARN, name) puts before the
// name (…:execution:<sm>:), the same for every name: a caller that names
// many executions of one state machine builds each ARN with one
// concatenation, without parsing smARN again.
func ExecutionARNPrefix(smARN string) string {
	return ExecutionARN(smARN, "")
}

// ExpressExecutionARN builds …:express:<sm>:<name>:<expressID>.
func ExpressExecutionARN(smARN, name, expressID string) string {
	return childARN(smARN, KindExpress) + ":" + name + ":" + expressID
}

// LabelledStateMachineARN builds …:stateMachine:<sm>/<label>, the ARN under
// which the children of a Map Run report (spec 4.1).
func LabelledStateMachineARN(smARN, label string) string {
	return childARN(smARN, KindStateMachine) + "/" + label
}

// LabelledExecutionARN builds the ARN of a Standard child execution of a
// Distributed Map: …:execution:<sm>/<label>:<name>.
func LabelledExecutionARN(smARN, label, name string) string {
	return childARN(smARN, KindExecution) + "/" + label + ":" + name
}

// LabelledExpressExecutionARN builds the ARN of an Express child execution of
// a Distributed Map: …:express:<sm>/<label>:<name>:<expressID>.
func LabelledExpressExecutionARN(smARN, label, name, expressID string) string {
	return childARN(smARN, KindExpress) + "/" + label + ":" + name + ":" + expressID
}

// MapRunARN builds …:mapRun:<sm>/<label>:<id> for a Map Run of the state
// machine smARN.
func MapRunARN(smARN, label, id string) string {
	return childARN(smARN, KindMapRun) + "/" + label + ":" + id
}

// childARN rewrites the state machine ARN smARN to kind, without qualifier:
// arn:…:<kind>:<sm>[/<label>]. Input that does not parse as a state machine
// ARN has its first ":stateMachine:" replaced, and is otherwise kept, so the
// builders never fail.
func childARN(smARN, kind string) string {
	a, err := ParseARN(smARN)
	if err != nil || a.Kind != KindStateMachine {
		return strings.Replace(smARN, ":"+KindStateMachine+":", ":"+kind+":", 1)
	}
	s := "arn:" + a.Partition + ":states:" + a.Region + ":" + a.Account + ":" + kind + ":" + a.Name
	if a.Label != "" {
		s += "/" + a.Label
	}
	return s
}
