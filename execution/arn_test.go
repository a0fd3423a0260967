package execution

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	smARN      = "arn:aws:states:us-east-1:123456789012:stateMachine:orders"
	uuidRunID  = "3c39a231-69bb-3d89-8607-9e124eddbb0b"
	expressID  = "4a5b6c7d-0000-1111-2222-333344445555"
	goodPrefix = "arn:aws:states:us-east-1:123456789012:"
)

func base(kind string) ARN {
	return ARN{Partition: "aws", Region: "us-east-1", Account: "123456789012", Kind: kind}
}

func with(a ARN, f func(*ARN)) ARN { f(&a); return a }

func TestParseARN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want ARN
	}{
		{"state machine", smARN,
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders" })},
		{"version", smARN + ":10",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Qualifier = "10" })},
		{"alias", smARN + ":PROD",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Qualifier = "PROD" })},
		{"alias with digits and dots", smARN + ":v1.2-beta_3",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Qualifier = "v1.2-beta_3" })},
		{"labelled state machine", smARN + "/demoLabel",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Label = "demoLabel" })},
		{"labelled state machine, UUID label", smARN + "/" + uuidRunID,
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Label = uuidRunID })},
		{"standard execution", goodPrefix + "execution:orders:run-1",
			with(base(KindExecution), func(a *ARN) { a.Name = "orders"; a.ID = "run-1" })},
		{"labelled execution", goodPrefix + "execution:orders/demoLabel:child-1",
			with(base(KindExecution), func(a *ARN) { a.Name = "orders"; a.Label = "demoLabel"; a.ID = "child-1" })},
		{"express execution", goodPrefix + "express:orders:run-1:" + expressID,
			with(base(KindExpress), func(a *ARN) { a.Name = "orders"; a.ID = "run-1"; a.ExpressID = expressID })},
		{"labelled express execution", goodPrefix + "express:orders/demoLabel:child-1:" + expressID,
			with(base(KindExpress), func(a *ARN) {
				a.Name = "orders"
				a.Label = "demoLabel"
				a.ID = "child-1"
				a.ExpressID = expressID
			})},
		{"map run (the developer guide's example)",
			"arn:aws:states:us-east-1:123456789012:mapRun:demoWorkflow/demoLabel:" + uuidRunID,
			with(base(KindMapRun), func(a *ARN) { a.Name = "demoWorkflow"; a.Label = "demoLabel"; a.ID = uuidRunID })},
		{"activity", goodPrefix + "activity:approve",
			with(base(KindActivity), func(a *ARN) { a.Name = "approve" })},
		{"aws-cn partition", "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orders",
			ARN{Partition: "aws-cn", Region: "cn-north-1", Account: "123456789012", Kind: KindStateMachine, Name: "orders"}},
		{"aws-us-gov partition", "arn:aws-us-gov:states:us-gov-west-1:123456789012:execution:orders:x",
			ARN{Partition: "aws-us-gov", Region: "us-gov-west-1", Account: "123456789012", Kind: KindExecution, Name: "orders", ID: "x"}},
		{"other partition", "arn:aws-iso-b:states:us-isob-east-1:123456789012:activity:a",
			ARN{Partition: "aws-iso-b", Region: "us-isob-east-1", Account: "123456789012", Kind: KindActivity, Name: "a"}},
		{"emulator region", "arn:aws:states:local:000000000000:stateMachine:orders",
			ARN{Partition: "aws", Region: "local", Account: "000000000000", Kind: KindStateMachine, Name: "orders"}},
		{"non-ASCII names", goodPrefix + "execution:注文/ラベル:実行-1",
			with(base(KindExecution), func(a *ARN) { a.Name = "注文"; a.Label = "ラベル"; a.ID = "実行-1" })},
		{"label containing a slash", smARN + "/a/b",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Label = "a/b" })},
		{"labelled execution, label containing a slash", goodPrefix + "execution:orders/a/b:c",
			with(base(KindExecution), func(a *ARN) { a.Name = "orders"; a.Label = "a/b"; a.ID = "c" })},
		{"80-character names", goodPrefix + "execution:" + strings.Repeat("s", 80) + ":" + strings.Repeat("e", 80),
			with(base(KindExecution), func(a *ARN) { a.Name = strings.Repeat("s", 80); a.ID = strings.Repeat("e", 80) })},
		{"largest int64 version", smARN + ":9223372036854775807",
			with(base(KindStateMachine), func(a *ARN) { a.Name = "orders"; a.Qualifier = "9223372036854775807" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseARN(tt.in)
			if err != nil {
				t.Fatalf("ParseARN(%q) = %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseARN(%q) (-want +got):\n%s", tt.in, diff)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("ParseARN(%q).String() = %q, want the input back", tt.in, s)
			}
			again, err := ParseARN(got.String())
			if err != nil || again != got {
				t.Errorf("ParseARN(String()) = %+v, %v, want %+v", again, err, got)
			}
		})
	}
}

func TestParseARNErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want string // the whole InvalidArn message when exact, else a substring
		// exact marks messages AWS recorded, which must match to the letter.
		exact bool
	}{
		// Recorded AWS texts (localstack snapshot test_sfn_api, 2024-03-08).
		{"not an ARN", "not_a_valid_arn", "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'", true},
		{"empty", "", "Invalid Arn: 'Invalid ARN prefix: '", true},
		{"upper-case prefix", "ARN:aws:states:us-east-1:123456789012:activity:a",
			"Invalid Arn: 'Invalid ARN prefix: ARN:aws:states:us-east-1:123456789012:activity:a'", true},
		{"unknown resource type", goodPrefix + "function:f",
			"Invalid Arn: 'Resource type not valid in this context: function'", true},

		{"too few parts", "arn:aws:states:us-east-1", "too few parts", false},
		{"no resource", goodPrefix + "stateMachine", "too few parts", false},
		{"empty partition", "arn::states:us-east-1:123456789012:activity:a", "Invalid partition: ", false},
		{"upper-case partition", "arn:AWS:states:us-east-1:123456789012:activity:a", "Invalid partition: AWS", false},
		{"digit in partition", "arn:aws2:states:us-east-1:123456789012:activity:a", "Invalid partition: aws2", false},
		{"other service", "arn:aws:lambda:us-east-1:123456789012:function:f", "Invalid service: lambda", false},
		{"empty region", "arn:aws:states::123456789012:activity:a", "Invalid region: ", false},
		{"upper-case region", "arn:aws:states:US-EAST-1:123456789012:activity:a", "Invalid region: US-EAST-1", false},
		{"region with underscore", "arn:aws:states:us_east_1:123456789012:activity:a", "Invalid region", false},
		{"region ending in hyphen", "arn:aws:states:us-east-:123456789012:activity:a", "Invalid region", false},
		{"region with double hyphen", "arn:aws:states:us--east-1:123456789012:activity:a", "Invalid region", false},
		{"region starting with digit", "arn:aws:states:1us:123456789012:activity:a", "Invalid region", false},
		{"short account", "arn:aws:states:us-east-1:12345:activity:a", "Invalid account: 12345", false},
		{"long account", "arn:aws:states:us-east-1:1234567890123:activity:a", "Invalid account", false},
		{"letters in account", "arn:aws:states:us-east-1:12345678901x:activity:a", "Invalid account", false},
		{"empty kind", goodPrefix + ":a", "Resource type not valid in this context: '", false},
		{"kind in wrong case", goodPrefix + "statemachine:a", "Resource type not valid in this context: statemachine", false},

		{"empty state machine name", goodPrefix + "stateMachine:", "Invalid state machine name: empty", false},
		{"state machine name too long", goodPrefix + "stateMachine:" + strings.Repeat("a", 81), "longer than 80", false},
		{"space in state machine name", goodPrefix + "stateMachine:a b", "white space", false},
		{"too many parts", smARN + ":1:2", "too many parts", false},
		{"empty qualifier", smARN + ":", "neither a version nor an alias", false},
		{"version zero", smARN + ":0", "neither a version nor an alias", false},
		{"version with leading zero", smARN + ":010", "neither a version nor an alias", false},
		{"version beyond int64", smARN + ":9223372036854775808", "neither a version nor an alias", false},
		{"negative version", smARN + ":-1", "", false}, // "-1" is a valid alias name
		{"alias with bad character", smARN + ":PR@D", "neither a version nor an alias", false},
		{"labelled and qualified", smARN + "/label:1", "no qualifier", false},
		{"empty label", smARN + "/", "Invalid Map Run label: empty", false},
		{"label too long", smARN + "/" + strings.Repeat("l", 41), "Invalid Map Run label: longer than 40", false},
		{"label with space", smARN + "/a b", "Invalid Map Run label", false},

		{"execution without name", goodPrefix + "execution:orders", "expected 2 parts", false},
		{"execution with extra part", goodPrefix + "execution:orders:a:b", "expected 2 parts", false},
		{"execution with empty name", goodPrefix + "execution:orders:", "Invalid execution name: empty", false},
		{"execution with empty state machine", goodPrefix + "execution::x", "Invalid state machine name: empty", false},
		{"execution with empty label", goodPrefix + "execution:orders/:x", "Invalid Map Run label: empty", false},
		{"execution name with forbidden character", goodPrefix + "execution:orders:a#b", "Invalid execution name", false},
		{"express without express id", goodPrefix + "express:orders:x", "expected 3 parts", false},
		{"express with empty express id", goodPrefix + "express:orders:x:", "Invalid express id: empty", false},
		{"map run without label", goodPrefix + "mapRun:orders:" + uuidRunID, "missing the Map Run label", false},
		{"map run without id", goodPrefix + "mapRun:orders/label", "expected 2 parts", false},
		{"map run with empty id", goodPrefix + "mapRun:orders/label:", "Invalid Map Run id: empty", false},
		{"activity with qualifier", goodPrefix + "activity:a:1", "expected 1 parts", false},
		{"activity with slash", goodPrefix + "activity:a/b", "Invalid activity name", false},
		{"invalid UTF-8", goodPrefix + "activity:a\xff", "not valid UTF-8", false},
		{"longer than LongArn", goodPrefix + "activity:" + strings.Repeat("a", 2000), "longer than 2000", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseARN(tt.in)
			if tt.name == "negative version" {
				// Not an error: documents that "-1" reads as an alias.
				if err != nil || !got.IsAlias() {
					t.Fatalf("ParseARN(%q) = %+v, %v, want an alias ARN", tt.in, got, err)
				}
				return
			}
			var ae *ARNError
			if !errors.As(err, &ae) {
				t.Fatalf("ParseARN(%q) = %+v, %v, want *ARNError", tt.in, got, err)
			}
			if got != (ARN{}) {
				t.Errorf("ParseARN(%q) returned %+v with the error, want the zero ARN", tt.in, got)
			}
			if ae.ARN != tt.in {
				t.Errorf("ARNError.ARN = %q, want the input %q", ae.ARN, tt.in)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "Invalid Arn: '") || !strings.HasSuffix(msg, "'") {
				t.Errorf("ParseARN(%q) error = %q, want the InvalidArn form Invalid Arn: '...'", tt.in, msg)
			}
			if tt.exact && msg != tt.want || !tt.exact && !strings.Contains(msg, tt.want) {
				t.Errorf("ParseARN(%q) error = %q, want %q (exact=%v)", tt.in, msg, tt.want, tt.exact)
			}
		})
	}
}

func TestARNRequire(t *testing.T) {
	t.Parallel()
	sm, err := ParseARN(smARN)
	if err != nil {
		t.Fatal(err)
	}
	if err := sm.Require(KindStateMachine); err != nil {
		t.Errorf("Require(stateMachine) on %s = %v, want nil", sm, err)
	}
	if err := sm.Require(KindExecution, KindStateMachine); err != nil {
		t.Errorf("Require(execution, stateMachine) on %s = %v, want nil", sm, err)
	}
	// AWS's text when DescribeExecution gets a state machine ARN
	// (cirrus-geo/cirrus-geo#316) and StartExecution an execution ARN.
	err = sm.Require(KindExecution, KindExpress)
	if want := "Invalid Arn: 'Resource type not valid in this context: stateMachine'"; err == nil || err.Error() != want {
		t.Errorf("Require(execution) on %s = %v, want %q", sm, err, want)
	}
	ex, _ := ParseARN(goodPrefix + "execution:orders:x")
	err = ex.Require(KindStateMachine)
	if want := "Invalid Arn: 'Resource type not valid in this context: execution'"; err == nil || err.Error() != want {
		t.Errorf("Require(stateMachine) on %s = %v, want %q", ex, err, want)
	}
	var ae *ARNError
	if !errors.As(err, &ae) || ae.ARN != ex.String() {
		t.Errorf("Require error = %#v, want *ARNError carrying the ARN", err)
	}
}

func TestARNQualifiers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in                  string
		version, alias, lab bool
		number              int64
	}{
		{smARN, false, false, false, 0},
		{smARN + ":1", true, false, false, 1},
		{smARN + ":10", true, false, false, 10},
		{smARN + ":PROD", false, true, false, 0},
		{smARN + ":1a", false, true, false, 0},
		{smARN + "/label", false, false, true, 0},
		{goodPrefix + "execution:orders/label:x", false, false, true, 0},
		{goodPrefix + "execution:orders:x", false, false, false, 0},
	}
	for _, tt := range tests {
		a, err := ParseARN(tt.in)
		if err != nil {
			t.Fatalf("ParseARN(%q) = %v", tt.in, err)
		}
		if a.IsVersion() != tt.version || a.IsAlias() != tt.alias || a.Labelled() != tt.lab || a.Version() != tt.number {
			t.Errorf("%s: IsVersion=%v IsAlias=%v Labelled=%v Version=%d, want %v %v %v %d",
				tt.in, a.IsVersion(), a.IsAlias(), a.Labelled(), a.Version(), tt.version, tt.alias, tt.lab, tt.number)
		}
	}
	// Qualifier fields set on another kind do not make a version or alias.
	odd := with(base(KindExecution), func(a *ARN) { a.Name = "orders"; a.ID = "x"; a.Qualifier = "1" })
	if odd.IsVersion() || odd.IsAlias() {
		t.Errorf("execution ARN with a stray Qualifier: IsVersion=%v IsAlias=%v, want false false", odd.IsVersion(), odd.IsAlias())
	}
}

func TestARNStateMachine(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{smARN, smARN},
		{smARN + ":10", smARN},
		{smARN + ":PROD", smARN},
		{smARN + "/label", smARN},
		{goodPrefix + "execution:orders:x", smARN},
		{goodPrefix + "execution:orders/label:x", smARN},
		{goodPrefix + "express:orders/label:x:" + expressID, smARN},
		{goodPrefix + "mapRun:orders/label:" + uuidRunID, smARN},
		{goodPrefix + "activity:approve", ""},
	}
	for _, tt := range tests {
		a, err := ParseARN(tt.in)
		if err != nil {
			t.Fatalf("ParseARN(%q) = %v", tt.in, err)
		}
		if got := a.StateMachine(); got != tt.want {
			t.Errorf("ParseARN(%q).StateMachine() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBuilders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, got, want string
	}{
		{"StateMachineARN", StateMachineARN("aws", "us-east-1", "123456789012", "orders"), smARN},
		{"ExecutionARN", ExecutionARN(smARN, "run-1"), goodPrefix + "execution:orders:run-1"},
		{"ExecutionARN drops a version", ExecutionARN(smARN+":10", "run-1"), goodPrefix + "execution:orders:run-1"},
		{"ExecutionARN drops an alias", ExecutionARN(smARN+":PROD", "run-1"), goodPrefix + "execution:orders:run-1"},
		{"ExecutionARN of a labelled state machine", ExecutionARN(smARN+"/lab", "c"), goodPrefix + "execution:orders/lab:c"},
		{"ExecutionARN of unparsable input", ExecutionARN("arn:x:stateMachine:y", "n"), "arn:x:execution:y:n"},
		{"ExpressExecutionARN", ExpressExecutionARN(smARN, "run-1", expressID), goodPrefix + "express:orders:run-1:" + expressID},
		{"LabelledStateMachineARN", LabelledStateMachineARN(smARN, "lab"), smARN + "/lab"},
		{"LabelledExecutionARN", LabelledExecutionARN(smARN, "lab", "c"), goodPrefix + "execution:orders/lab:c"},
		{"LabelledExecutionARN from a version", LabelledExecutionARN(smARN+":3", "lab", "c"), goodPrefix + "execution:orders/lab:c"},
		{"LabelledExpressExecutionARN", LabelledExpressExecutionARN(smARN, "lab", "c", expressID),
			goodPrefix + "express:orders/lab:c:" + expressID},
		{"MapRunARN", MapRunARN(smARN, "demoLabel", uuidRunID), goodPrefix + "mapRun:orders/demoLabel:" + uuidRunID},
		{"MapRunARN other partition", MapRunARN("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:o", "l", "i"),
			"arn:aws-cn:states:cn-north-1:123456789012:mapRun:o/l:i"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
		if strings.HasPrefix(tt.name, "ExecutionARN of unparsable") {
			continue
		}
		if a, err := ParseARN(tt.got); err != nil || a.String() != tt.got {
			t.Errorf("%s: built %q does not round-trip: %+v, %v", tt.name, tt.got, a, err)
		}
	}
}

// TestARNLengths checks that the longest ARNs the naming rules allow parse,
// and records which of them exceed the model's Arn limit.
func TestARNLengths(t *testing.T) {
	t.Parallel()
	const longestPrefix = "arn:aws-us-gov:states:us-gov-west-1:123456789012:"
	name := strings.Repeat("n", MaxNameLength)
	label := strings.Repeat("l", MaxLabelLength)
	sm := longestPrefix + "stateMachine:" + name
	tests := []struct {
		name    string
		arn     string
		fitsArn bool // within MaxARNLength
	}{
		{"state machine", sm, true},
		{"alias", sm + ":" + strings.Repeat("A", MaxAliasNameLength), true},
		{"execution", ExecutionARN(sm, name), true},
		// Child names are generated by the Map Run, but a labelled ARN built
		// from maximum-length parts exceeds Arn; ParseARN accepts it anyway.
		{"labelled execution", LabelledExecutionARN(sm, label, name), false},
		{"labelled execution, UUID child name", LabelledExecutionARN(sm, label, uuidRunID), true},
		{"map run", MapRunARN(sm, label, uuidRunID), true},
		{"labelled express", LabelledExpressExecutionARN(sm, label, name, expressID), false},
	}
	for _, tt := range tests {
		a, err := ParseARN(tt.arn)
		if err != nil {
			t.Errorf("%s: ParseARN(%d chars) = %v", tt.name, len(tt.arn), err)
			continue
		}
		if a.String() != tt.arn {
			t.Errorf("%s: round trip changed the ARN", tt.name)
		}
		if fits := len(tt.arn) <= MaxARNLength; fits != tt.fitsArn {
			t.Errorf("%s: %d characters, fits Arn = %v, want %v", tt.name, len(tt.arn), fits, tt.fitsArn)
		}
	}
	// LongArn bound.
	at := goodPrefix + "mapRun:o/l:" + strings.Repeat("i", MaxLongARNLength-len(goodPrefix+"mapRun:o/l:"))
	if len(at) != MaxLongARNLength {
		t.Fatalf("test setup: %d", len(at))
	}
	if _, err := ParseARN(at); err == nil || !strings.Contains(err.Error(), "Map Run id") {
		// 2000 characters pass the length guard and fail on the id's own length.
		t.Errorf("ParseARN(2000 chars) = %v, want the Map Run id rejected, not the length", err)
	}
	if _, err := ParseARN(at + "i"); err == nil || !strings.Contains(err.Error(), "longer than 2000") {
		t.Errorf("ParseARN(2001 chars) = %v, want the length guard", err)
	}
}

func FuzzParseARN(f *testing.F) {
	for _, s := range []string{
		smARN,
		smARN + ":10",
		smARN + ":PROD",
		smARN + "/demoLabel",
		goodPrefix + "execution:orders:run-1",
		goodPrefix + "execution:orders/demoLabel:child-1",
		goodPrefix + "express:orders:run-1:" + expressID,
		goodPrefix + "express:orders/demoLabel:child-1:" + expressID,
		goodPrefix + "mapRun:demoWorkflow/demoLabel:" + uuidRunID,
		goodPrefix + "activity:approve",
		"arn:aws-cn:states:cn-north-1:123456789012:stateMachine:注文/a/b",
		"not_a_valid_arn",
		"",
		"arn:",
		"arn:aws:states:us-east-1:123456789012:stateMachine:a:010",
		"arn:aws:states:us-east-1:123456789012:execution:a/:b",
		"arn:aws:states:us-east-1:123456789012:function:f",
		goodPrefix + "activity:a\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseARN(s)
		if err != nil {
			var ae *ARNError
			if !errors.As(err, &ae) || ae.ARN != s {
				t.Fatalf("ParseARN(%q) error %#v is not an *ARNError for the input", s, err)
			}
			if a != (ARN{}) {
				t.Fatalf("ParseARN(%q) returned %+v with an error", s, a)
			}
			return
		}
		if got := a.String(); got != s {
			t.Fatalf("ParseARN(%q).String() = %q", s, got)
		}
		b, err := ParseARN(a.String())
		if err != nil || b != a {
			t.Fatalf("ParseARN(%q) round trip = %+v, %v, want %+v", s, b, err, a)
		}
		_ = a.StateMachine()
		_ = a.Version()
	})
}

func BenchmarkParseARN(b *testing.B) {
	arns := []string{
		smARN + ":PROD",
		goodPrefix + "execution:orders/demoLabel:child-1",
		goodPrefix + "express:orders:run-1:" + expressID,
		goodPrefix + "mapRun:demoWorkflow/demoLabel:" + uuidRunID,
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range arns {
			if _, err := ParseARN(s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// ExecutionARN builds in one step what childARN and the name build
// together, for every kind of state machine ARN, qualified or not. (Not
// parallel: AllocsPerRun counts the whole process's allocations.)
func TestExecutionARNMatchesChildARN(t *testing.T) {
	for _, sm := range []string{
		"arn:aws:states:us-east-1:123456789012:stateMachine:m",
		"arn:aws:states:us-east-1:123456789012:stateMachine:m:3",
		"arn:aws:states:us-east-1:123456789012:stateMachine:m:live",
		"arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m",
		"arn:aws:states:us-east-1:123456789012:stateMachine:m/Map:0b1c",
		"not an arn",
		"arn:aws:states:us-east-1:123456789012:execution:m:x",
	} {
		if got, want := ExecutionARN(sm, "run"), childARN(sm, KindExecution)+":run"; got != want {
			t.Errorf("ExecutionARN(%q) = %q, want %q", sm, got, want)
		}
		if got, want := ExecutionARNPrefix(sm)+"run", ExecutionARN(sm, "run"); got != want {
			t.Errorf("ExecutionARNPrefix(%q) + name = %q, want %q", sm, got, want)
		}
	}
	if n := testing.AllocsPerRun(10, func() {
		_ = ExecutionARN("arn:aws:states:us-east-1:123456789012:stateMachine:m", "run")
	}); n != 1 {
		t.Errorf("ExecutionARN made %v allocations, want 1", n)
	}
}

// BenchmarkExecutionARN compares building an execution's ARN from the state
// machine's ARN (parsed every time) with ExecutionARNPrefix's prefix, made
// once per machine.
func BenchmarkExecutionARN(b *testing.B) {
	const sm = "arn:aws:states:us-east-1:123456789012:stateMachine:checkout"
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			_ = ExecutionARN(sm, "run-1")
		}
	})
	b.Run("prefix", func(b *testing.B) {
		prefix := ExecutionARNPrefix(sm)
		for b.Loop() {
			_ = prefix + "run-1"
		}
	})
}
