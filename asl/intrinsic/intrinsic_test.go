package intrinsic

import (
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// fixedRand returns the same numbers every time.
type fixedRand struct{}

func (fixedRand) Int64N(n int64) int64 { return n - 1 }
func (fixedRand) UUID() string         { return "00000000-0000-4000-8000-000000000000" }

func mustDecode(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonv.DecodeString(s)
	if err != nil {
		t.Fatalf("DecodeString(%q): %v", s, err)
	}
	return v
}

const input = `{
	"name": "Arnav", "template": "Hello, my name is {}.", "year": 2020, "pi": 3.5, "ok": true, "nil": null,
	"someJson": {"name": "Foo", "year": 2020},
	"escapedJsonString": "{\"foo\": \"bar\"}",
	"inputArray": [1,2,3,4,5,6,7,8,9], "dups": [1,2,3,3,3,3,3,3,4], "mixed": [1, 1.0, "1", {"a":1}, {"a":1.0}, [1], [1], null, null],
	"lookingFor": 5, "index": 5,
	"b64in": "Data to encode", "b64": "RGF0YSB0byBlbmNvZGU=",
	"Data": "input data", "Algorithm": "SHA-1",
	"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3},
	"start": 1, "end": 999, "value1": 111, "step": -1,
	"inputString": "1,2,3,4,5", "splitter": ",",
	"ImageRecipe": {"Arn": "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my.recipe.name/1.0.0"},
	"items": [{"p": 1}, {"p": 20}],
	"long": "` + "%LONG%" + `"
}`

func testInput(t testing.TB) any {
	t.Helper()
	return mustDecode(t, strings.Replace(input, "%LONG%", strings.Repeat("x", 10001), 1))
}

const ctxJSON = `{"Execution": {"Id": "arn:exec"}, "Map": {"Item": {"Index": 3}}}`

func TestEval(t *testing.T) {
	t.Parallel()
	in := testInput(t)
	ctx := mustDecode(t, ctxJSON)
	tests := []struct {
		name string
		call string
		want string // JSON
	}{
		// States.Format (AWS and States Language spec examples).
		{"format literal", `States.Format('Hello, my name is {}.', $.name)`, `"Hello, my name is Arnav."`},
		{"format path template", `States.Format($.template, $.name)`, `"Hello, my name is Arnav."`},
		{"format number", `States.Format('Your name is {}, we are in the year {}', $.name, 2020)`, `"Your name is Arnav, we are in the year 2020"`},
		{"format scalars", `States.Format('{} {} {} {}', $.pi, $.ok, $.nil, -7)`, `"3.5 true null -7"`},
		{"format no placeholders", `States.Format('plain')`, `"plain"`},
		{"format escaped braces", `States.Format('\{\} {} \\ it\'s', 'x')`, `"{} x \\ it's"`},
		{"format escaped open brace then close", `States.Format('\{}')`, `"{}"`},
		{"format context path", `States.Format('{}-{}', $$.Execution.Id, $$.Map.Item.Index)`, `"arn:exec-3"`},
		{"format nested (AWS nesting example, two placeholders)", `States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))`, `"1.0"`},

		{"string to json", `States.StringToJson($.escapedJsonString)`, `{"foo":"bar"}`},
		{"string to json literal", `States.StringToJson('[1, 2]')`, `[1,2]`},
		{"json to string", `States.JsonToString($.someJson)`, `"{\"name\":\"Foo\",\"year\":2020}"`},
		{"json to string whole input scalar", `States.JsonToString($.name)`, `"\"Arnav\""`},

		{"array", `States.Array('Foo', 2020, $.someJson, null)`, `["Foo",2020,{"name":"Foo","year":2020},null]`},
		{"array empty", `States.Array()`, `[]`},
		{"array bools", `States.Array(true, false, 1.5)`, `[true,false,1.5]`},
		{"array of indefinite path", `States.Array($.items[*].p)`, `[[1,20]]`},
		{"array filter path", `States.Array($.items[?(@.p > 5)])`, `[[{"p":20}]]`},

		{"partition", `States.ArrayPartition($.inputArray, 4)`, `[[1,2,3,4],[5,6,7,8],[9]]`},
		{"partition exact", `States.ArrayPartition($.inputArray, 9)`, `[[1,2,3,4,5,6,7,8,9]]`},
		{"partition empty", `States.ArrayPartition(States.Array(), 2)`, `[]`},
		{"contains", `States.ArrayContains($.inputArray, $.lookingFor)`, `true`},
		{"contains missing", `States.ArrayContains($.inputArray, 10)`, `false`},
		{"contains object", `States.ArrayContains($.mixed, States.StringToJson('{"a":1}'))`, `true`},
		{"contains number by value", `States.ArrayContains($.inputArray, 5.0)`, `true`},
		{"range", `States.ArrayRange(1, 9, 2)`, `[1,3,5,7,9]`},
		{"range end not hit", `States.ArrayRange(1, 10, 4)`, `[1,5,9]`},
		{"range descending", `States.ArrayRange(5, 1, -2)`, `[5,3,1]`},
		{"range single", `States.ArrayRange(3, 3, 1)`, `[3]`},
		{"range wrong direction", `States.ArrayRange(5, 1, 1)`, `[]`},
		{"range rounds", `States.ArrayRange(0.6, 2.4, 1)`, `[1,2]`},
		{"range 1000", `States.ArrayLength(States.ArrayRange(1, 1000, 1))`, `1000`},
		{"get item", `States.ArrayGetItem($.inputArray, $.index)`, `6`},
		{"get item literal array", `States.ArrayGetItem(States.Array('a','b'), 1)`, `"b"`},
		{"length", `States.ArrayLength($.inputArray)`, `9`},
		{"unique", `States.ArrayUnique($.dups)`, `[1,2,3,4]`},
		{"unique deep", `States.ArrayUnique($.mixed)`, `[1,"1",{"a":1},[1],null]`},

		{"base64 encode", `States.Base64Encode($.b64in)`, `"RGF0YSB0byBlbmNvZGU="`},
		{"base64 decode", `States.Base64Decode($.b64)`, `"Data to encode"`},
		{"base64 round trip unicode", "States.Base64Decode(States.Base64Encode('h\u00e9'))", `"h\u00e9"`},
		// The AWS page prints this digest with one digit missing.
		{"hash sha1", `States.Hash($.Data, $.Algorithm)`, `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{"hash md5", `States.Hash('input data', 'MD5')`, `"812f45842bc6d66ee14572ce20db8e86"`},
		{"hash sha256", `States.Hash('', 'SHA-256')`, `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{"hash sha384", `States.Hash('', 'SHA-384')`, `"38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"`},
		{"hash sha512", `States.Hash('', 'SHA-512')`, `"cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"`},
		{"hash non-string as JSON text", `States.Hash(States.StringToJson('{"b":1,"a":2}'), 'MD5')`, `"` + md5hex(`{"a":2,"b":1}`) + `"`},

		{"json merge shallow", `States.JsonMerge($.json1, $.json2, false)`, `{"a":{"a3":1,"a4":2},"b":2,"c":3}`},

		{"math random", `States.MathRandom($.start, $.end)`, `998`},
		{"math random seeded is stable", `States.Array(States.MathRandom(1, 1000000, 7), States.MathRandom(1, 1000000, 7))`, ``},
		{"math add", `States.MathAdd($.value1, $.step)`, `110`},
		{"math add context", `States.MathAdd($$.Map.Item.Index, 1)`, `4`},
		{"math add rounds half up", `States.MathAdd(1.5, -2.5)`, `0`},

		{"split", `States.StringSplit($.inputString, $.splitter)`, `["1","2","3","4","5"]`},
		{"split on any delimiter character", `States.StringSplit('This.is+a,test=string', '.+,=')`, `["This","is","a","test","string"]`},
		{"split drops empty pieces", `States.StringSplit(',a,,b,', ',')`, `["a","b"]`},
		{"split empty delimiter", `States.StringSplit('abc', '')`, `["abc"]`},

		{"uuid", `States.UUID()`, `"00000000-0000-4000-8000-000000000000"`},
		{"whitespace between arguments", "States.Array( 1 ,\t'a' , $.year )", `[1,"a",2020]`},
		{"path with comma in brackets", `States.Array($.inputArray[0,1], 'x')`, `[[1,2],"x"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Eval(tt.call, in, ctx, fixedRand{})
			if err != nil {
				t.Fatalf("Eval(%s) error: %v", tt.call, err)
			}
			if tt.want == "" {
				arr := got.([]any)
				if len(arr) != 2 || arr[0] != arr[1] {
					t.Fatalf("Eval(%s) = %v, want two equal values", tt.call, got)
				}
				return
			}
			if diff := cmp.Diff(mustDecode(t, tt.want), got); diff != "" {
				t.Errorf("Eval(%s) mismatch (-want +got):\n%s", tt.call, diff)
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	t.Parallel()
	in := testInput(t)
	tests := []struct {
		name     string
		call     string
		wantName string
	}{
		{"path selects nothing", `States.Format('{}', $.missing)`, ErrRuntime},
		{"context path selects nothing", `States.Array($$.Nope)`, ErrRuntime},

		{"format too few args", `States.Format('{} {}', 'a')`, ErrIntrinsicFailure},
		{"format too many args", `States.Format('{}', 'a', 'b')`, ErrIntrinsicFailure},
		{"format object arg", `States.Format('{}', $.someJson)`, ErrIntrinsicFailure},
		{"format array arg", `States.Format('{}', $.inputArray)`, ErrIntrinsicFailure},
		{"format non-string template", `States.Format($.year)`, ErrIntrinsicFailure},
		{"string to json non-string", `States.StringToJson($.year)`, ErrIntrinsicFailure},
		{"string to json invalid", `States.StringToJson($.name)`, ErrIntrinsicFailure},
		{"partition not array", `States.ArrayPartition($.name, 2)`, ErrIntrinsicFailure},
		{"partition zero", `States.ArrayPartition($.inputArray, 0)`, ErrIntrinsicFailure},
		{"partition negative", `States.ArrayPartition($.inputArray, -1)`, ErrIntrinsicFailure},
		{"partition fraction", `States.ArrayPartition($.inputArray, 1.5)`, ErrIntrinsicFailure},
		{"contains not array", `States.ArrayContains($.someJson, 1)`, ErrIntrinsicFailure},
		{"range zero step", `States.ArrayRange(1, 9, 0)`, ErrIntrinsicFailure},
		{"range over 1000", `States.ArrayRange(1, 1001, 1)`, ErrIntrinsicFailure},
		{"range huge", `States.ArrayRange(-9223372036854775808, 9223372036854775807, 1)`, ErrIntrinsicFailure},
		{"range non-number", `States.ArrayRange('1', 9, 1)`, ErrIntrinsicFailure},
		{"get item out of range", `States.ArrayGetItem($.inputArray, 9)`, ErrIntrinsicFailure},
		{"get item negative", `States.ArrayGetItem($.inputArray, -1)`, ErrIntrinsicFailure},
		{"get item fraction", `States.ArrayGetItem($.inputArray, 1.5)`, ErrIntrinsicFailure},
		{"length not array", `States.ArrayLength($.name)`, ErrIntrinsicFailure},
		{"unique not array", `States.ArrayUnique($.year)`, ErrIntrinsicFailure},
		{"base64 encode not string", `States.Base64Encode($.year)`, ErrIntrinsicFailure},
		{"base64 encode too long", `States.Base64Encode($.long)`, ErrIntrinsicFailure},
		{"base64 decode too long", `States.Base64Decode($.long)`, ErrIntrinsicFailure},
		{"base64 decode invalid", `States.Base64Decode('not base64!')`, ErrIntrinsicFailure},
		{"hash unknown algorithm", `States.Hash('x', 'SHA-2')`, ErrIntrinsicFailure},
		{"hash algorithm case", `States.Hash('x', 'sha-1')`, ErrIntrinsicFailure},
		{"hash too long", `States.Hash($.long, 'MD5')`, ErrIntrinsicFailure},
		{"json merge deep", `States.JsonMerge($.json1, $.json2, true)`, ErrIntrinsicFailure},
		{"json merge non-boolean flag", `States.JsonMerge($.json1, $.json2, 0)`, ErrIntrinsicFailure},
		{"json merge not objects", `States.JsonMerge($.json1, $.inputArray, false)`, ErrIntrinsicFailure},
		{"math random end not above start", `States.MathRandom(5, 5)`, ErrIntrinsicFailure},
		{"math random non-number", `States.MathRandom('a', 5)`, ErrIntrinsicFailure},
		{"math random bad seed", `States.MathRandom(1, 5, 'seed')`, ErrIntrinsicFailure},
		{"math add non-number", `States.MathAdd($.name, 1)`, ErrIntrinsicFailure},
		{"math add overflow", `States.MathAdd(9223372036854775807, 1)`, ErrIntrinsicFailure},
		{"split non-string", `States.StringSplit($.year, ',')`, ErrIntrinsicFailure},
		{"syntax error", `States.Array(`, ErrIntrinsicFailure},
		{"unknown function", `States.Nope()`, ErrIntrinsicFailure},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Eval(tt.call, in, nil, fixedRand{})
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("Eval(%s) = %v, %v; want *Error", tt.call, got, err)
			}
			if ie.Name != tt.wantName {
				t.Errorf("Eval(%s) error name = %s, want %s (cause %q)", tt.call, ie.Name, tt.wantName, ie.Cause)
			}
		})
	}
}

// TestInvalidArgumentsCause pins the cause AWS reports for bad arguments.
func TestInvalidArgumentsCause(t *testing.T) {
	t.Parallel()
	_, err := Eval(`States.MathAdd('a', 1)`, nil, nil, fixedRand{})
	want := &Error{Name: "States.IntrinsicFailure", Cause: "Invalid arguments in States.MathAdd"}
	if diff := cmp.Diff(want, err); diff != "" {
		t.Errorf("Eval mismatch (-want +got):\n%s", diff)
	}
}

func TestEvalDoesNotAlias(t *testing.T) {
	t.Parallel()
	in := testInput(t)
	before := jsonv.Clone(in)
	got, err := Eval(`States.Array($.someJson, $.inputArray)`, in, nil, fixedRand{})
	if err != nil {
		t.Fatal(err)
	}
	arr := got.([]any)
	arr[0].(map[string]any)["name"] = "changed"
	arr[1].([]any)[0] = "changed"
	if diff := cmp.Diff(before, in); diff != "" {
		t.Errorf("mutating Eval's result changed the input (-before +after):\n%s", diff)
	}
}

func TestMathRandomRange(t *testing.T) {
	t.Parallel()
	got, err := Eval(`States.MathRandom(10, 20)`, nil, nil, zeroRand{})
	if err != nil || got != int64(10) {
		t.Errorf("MathRandom with Int64N=0 = %v, %v; want 10", got, err)
	}
	got, err = Eval(`States.MathRandom(10, 20)`, nil, nil, fixedRand{})
	if err != nil || got != int64(19) {
		t.Errorf("MathRandom with Int64N=n-1 = %v, %v; want 19 (end is exclusive)", got, err)
	}
	got, err = Eval(`States.MathRandom(10, 20)`, nil, nil, nil)
	if n, ok := got.(int64); err != nil || !ok || n < 10 || n >= 20 {
		t.Errorf("MathRandom with nil Rand = %v, %v; want 10 <= n < 20", got, err)
	}
}

type zeroRand struct{ fixedRand }

func (zeroRand) Int64N(int64) int64 { return 0 }

func TestNilRandUUID(t *testing.T) {
	t.Parallel()
	got, err := Eval(`States.UUID()`, nil, nil, nil)
	s, _ := got.(string)
	if err != nil || len(s) != 36 || s[14] != '4' || strings.IndexByte("89ab", s[19]) < 0 {
		t.Errorf("UUID with nil Rand = %q, %v; want a version-4 UUID", s, err)
	}
}

func TestFormatUUID(t *testing.T) {
	t.Parallel()
	var b [16]byte
	for i := range b {
		b[i] = 0xff
	}
	if got, want := FormatUUID(b), "ffffffff-ffff-4fff-bfff-ffffffffffff"; got != want {
		t.Errorf("FormatUUID(ff...) = %s, want %s", got, want)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	valid := []string{
		`States.UUID()`, `States.Array()`, `States.Array($)`, `States.Array($$)`, `States.Format('{}', $$.Execution.Id)`,
		`States.MathRandom(1, 2)`, `States.MathRandom(1, 2, 3)`, `States.JsonMerge($.a, $.b, false)`,
		`States.JsonToString($.a)`, `States.Array($.a[?(@.b == 'x,y')], $['a)b'])`, `States.Format('it\'s \{\} \\')`,
		`States.Array(-1, 1.5, 2e3, true, false, null)`,
		// Nine nested calls (the AWS example) and exactly ten.
		`States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))`,
		strings.Repeat("States.Array(", 10) + strings.Repeat(")", 10),
	}
	for _, s := range valid {
		if err := Validate(s); err != nil {
			t.Errorf("Validate(%s) = %v, want nil", s, err)
		}
	}
	invalid := []string{
		``, `States`, `States.`, `States.UUID`, `States.UUID(`, `States.UUID())`, `States.UUID() `, ` States.UUID()`,
		`States.Nope()`, `States.format('x')`, `Foo.Format('x')`,
		`States.UUID(1)`, `States.Format()`, `States.StringToJson()`, `States.StringToJson('a', 'b')`,
		`States.ArrayPartition($.a)`, `States.ArrayRange(1, 2)`, `States.MathRandom(1)`, `States.MathRandom(1, 2, 3, 4)`,
		`States.JsonMerge($.a, $.b)`, `States.Hash('a')`, `States.MathAdd(1)`, `States.StringSplit('a')`,
		`States.JsonToString('literal')`, `States.JsonToString(States.Array())`,
		`States.Array('unterminated)`, `States.Format('bad \n escape')`, `States.Array($.a[)`, `States.Array($.)`,
		`States.Array(1 2)`, `States.Array(,)`, `States.Array(1,)`, `States.Array(tru)`, `States.Array(nul)`, `States.Array(- )`,
		`States.Array("double")`, `States.Array(1.2.3)`, `States.Array(trueish)`,
		strings.Repeat("States.Array(", 11) + strings.Repeat(")", 11),
	}
	for _, s := range invalid {
		err := Validate(s)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Validate(%q) = %v, want *SyntaxError", s, err)
		}
	}
}

func TestIsCall(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"States.Format('x')", true},
		{"States.UUID()", true},
		{"States.Nope(", true},
		{"$.a", false},
		{"States.", false},
		{"States.Format", false},
		{"states.Format('x')", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsCall(tt.s); got != tt.want {
			t.Errorf("IsCall(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestNamesCoverAWSList(t *testing.T) {
	t.Parallel()
	want := []string{
		"States.Array", "States.ArrayContains", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayPartition",
		"States.ArrayRange", "States.ArrayUnique", "States.Base64Decode", "States.Base64Encode", "States.Format",
		"States.Hash", "States.JsonMerge", "States.JsonToString", "States.MathAdd", "States.MathRandom",
		"States.StringSplit", "States.StringToJson", "States.UUID",
	}
	got := Names()
	sort.Strings(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Names() mismatch (-want +got):\n%s", diff)
	}
}

func FuzzEval(f *testing.F) {
	for _, s := range []string{
		`States.Format('{} {}', $.a, 'b')`, `States.Array(1, -2.5, true, null, $$.x, $)`, `States.StringToJson('{"a":1}')`,
		`States.ArrayRange(1, 1000, 1)`, `States.ArrayRange(-9223372036854775808, 9223372036854775807, -1)`,
		`States.Hash($.a, 'SHA-512')`, `States.MathRandom(0, 9223372036854775807, -1)`, `States.Format('\{\}\\\'')`,
		`States.JsonMerge($.o, $.o, false)`, `States.Array($.l[?(@ > 1)], $.l[-1:])`, `States.Base64Decode('////')`,
		`States.StringSplit('a,b', ',')`, `States.ArrayPartition($.l, 2)`, `States.MathAdd(1e300, 1)`,
	} {
		f.Add(s)
	}
	in := mustDecode(f, `{"a":"x","l":[1,2,3],"o":{"k":1}}`)
	ctx := mustDecode(f, `{"x":1}`)
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Eval(s, in, ctx, fixedRand{})
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("Eval(%q) error %T, want *Error", s, err)
			}
			return
		}
		if Validate(s) != nil {
			t.Fatalf("Eval(%q) succeeded but Validate fails", s)
		}
		if _, err := jsonv.Encode(v); err != nil {
			t.Fatalf("Eval(%q) = %#v, not JSON-encodable: %v", s, v, err)
		}
	})
}
