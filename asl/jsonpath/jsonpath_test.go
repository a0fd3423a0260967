package jsonpath

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

func mustDecode(t testing.TB, s string) any {
	t.Helper()
	v, err := jsonv.DecodeString(s)
	if err != nil {
		t.Fatalf("DecodeString(%q): %v", s, err)
	}
	return v
}

// doc is the input of the Reference Paths example in the AWS "Using JSONPath
// paths" page, plus a Jayway-style store.
const doc = `{
	"foo": 123, "bar": ["a", "b", "c"], "car": {"cdr": true},
	"detail-type": "Scheduled Event",
	"a b": {"c.d": 1},
	"nil": null,
	"store": {
		"book": [
			{"title": "Sayings", "price": 8.95, "tags": ["x"]},
			{"title": "Sword", "price": 12, "isbn": "0-553"},
			{"title": "Moby", "price": 8, "isbn": "0-395"}
		],
		"bicycle": {"color": "red", "price": 19.95}
	}
}`

func TestQuery(t *testing.T) {
	t.Parallel()
	data := mustDecode(t, doc)
	tests := []struct {
		name      string
		path      string
		want      string // JSON
		wantFound bool
	}{
		// Definite paths: the AWS Reference Paths examples.
		{"root", "$", doc, true},
		{"member", "$.foo", `123`, true},
		{"array member", "$.bar", `["a","b","c"]`, true},
		{"nested member", "$.car.cdr", `true`, true},
		{"index", "$.bar[1]", `"b"`, true},
		{"negative index", "$.bar[-1]", `"c"`, true},
		{"hyphen in dot name", "$.detail-type", `"Scheduled Event"`, true},
		{"bracket single quotes", "$['a b']['c.d']", `1`, true},
		{"bracket double quotes", `$["a b"]["c.d"]`, `1`, true},
		{"dot before bracket (AWS example form)", "$.['a b'].['c.d']", `1`, true},
		{"bracket escaped quote", `$['it\'s']`, ``, false},
		{"null member is found", "$.nil", `null`, true},
		{"missing member", "$.nope", ``, false},
		{"missing below member", "$.car.nope.deeper", ``, false},
		{"member of a scalar", "$.foo.bar", ``, false},
		{"member of an array", "$.bar.length", ``, false},
		{"index out of range", "$.bar[3]", ``, false},
		{"negative index out of range", "$.bar[-4]", ``, false},
		{"index of an object", "$.car[0]", ``, false},
		{"member of null", "$.nil.x", ``, false},

		// Indefinite paths always give a list.
		{"wildcard array", "$.bar[*]", `["a","b","c"]`, true},
		{"wildcard object in key order", "$.store.bicycle.*", `["red",19.95]`, true},
		{"wildcard on scalar", "$.foo[*]", `[]`, true},
		{"index union", "$.bar[0,2]", `["a","c"]`, true},
		{"index union skips missing", "$.bar[0,7]", `["a"]`, true},
		{"slice", "$.bar[0:2]", `["a","b"]`, true},
		{"slice open end", "$.bar[1:]", `["b","c"]`, true},
		{"slice last two", "$.bar[-2:]", `["b","c"]`, true},
		{"slice open start", "$.bar[:1]", `["a"]`, true},
		{"slice negative end", "$.bar[:-1]", `["a","b"]`, true},
		{"slice clamps", "$.bar[1:99]", `["b","c"]`, true},
		{"slice empty", "$.bar[2:1]", `[]`, true},
		{"filter less than", "$.store.book[?(@.price < 10)].title", `["Sayings","Moby"]`, true},
		{"filter no spaces", "$.store.book[?(@.price<10)].title", `["Sayings","Moby"]`, true},
		{"filter string equality", "$.store.book[?(@.title == 'Sword')].price", `[12]`, true},
		{"filter existence", "$.store.book[?(@.isbn)].title", `["Sword","Moby"]`, true},
		{"filter and", "$.store.book[?(@.price < 10 && @.isbn)].title", `["Moby"]`, true},
		{"filter in", "$.store.book[?(@.title in ['Moby','Sword'])].price", `[12,8]`, true},
		{"filter regex", "$.store.book[?(@.title =~ /S.*/)].price", `[8.95,12]`, true},
		{"filter paren inside string", "$.store.book[?(@.title == 'a)b')]", `[]`, true},
		{"filter matches nothing", "$.store.book[?(@.price > 100)]", `[]`, true},
		{"filter on object tests the object (Jayway)", "$.car[?(@.cdr == true)]", `[{"cdr":true}]`, true},
		{"deep scan in sorted key order", "$..price", `[19.95,8.95,12,8]`, true},
		{"deep scan member", "$.store..color", `["red"]`, true},
		{"deep scan index", "$..book[0].title", `["Sayings"]`, true},
		{"deep scan filter", "$..[?(@.price > 12)].color", `["red"]`, true},
		{"deep scan wildcard", "$.car..*", `[true]`, true},
		{"missing member in indefinite path", "$.store.book[*].isbn", `["0-553","0-395"]`, true},
		{"indefinite path selecting nothing", "$.nope[*]", `[]`, true},
		{"multi-member union below wildcard", "$.store.book[*]['title','price']", `["Sayings",8.95,"Sword",12,"Moby",8]`, true},

		// Jayway's multi-property leaf merges into one object.
		{"multi-member leaf merges", "$['foo','car','nope']", `{"car":{"cdr":true},"foo":123}`, true},
		{"multi-member leaf on scalar", "$.foo['a','b']", ``, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, found, err := Query(tt.path, data)
			if err != nil {
				t.Fatalf("Query(%q) error: %v", tt.path, err)
			}
			if found != tt.wantFound {
				t.Fatalf("Query(%q) found = %v, want %v (value %v)", tt.path, found, tt.wantFound, got)
			}
			if !found {
				return
			}
			want := mustDecode(t, tt.want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Query(%q) mismatch (-want +got):\n%s", tt.path, diff)
			}
		})
	}
}

func TestQueryDoesNotMutate(t *testing.T) {
	t.Parallel()
	data := mustDecode(t, doc)
	before := jsonv.Clone(data)
	for _, p := range []string{"$..*", "$.store.book[?(@.price < 10)]", "$['foo','car']", "$.bar[-2:]"} {
		if _, _, err := Query(p, data); err != nil {
			t.Fatalf("Query(%q): %v", p, err)
		}
	}
	if diff := cmp.Diff(before, data); diff != "" {
		t.Errorf("Query mutated its input (-before +after):\n%s", diff)
	}
}

func TestIsDefinite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want bool
	}{
		{"$", true},
		{"$.a.b[0]['c']", true},
		{"$.a[-1]", true},
		{"$['a','b']", true},
		{"$['a','b'].c", false},
		{"$.a[*]", false},
		{"$.a.*", false},
		{"$..a", false},
		{"$.a[0,1]", false},
		{"$.a[0:1]", false},
		{"$.a[?(@.b)]", false},
	}
	for _, tt := range tests {
		got, err := IsDefinite(tt.path)
		if err != nil || got != tt.want {
			t.Errorf("IsDefinite(%q) = %v, %v; want %v, nil", tt.path, got, err, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	valid := []string{
		"$", "$.a", "$.a.b", "$['a']", `$["a"]`, "$.a[0]", "$.a[-1]", "$.a[*]", "$.*", "$..a", "$..*",
		"$..[0]", "$.a[1:2]", "$.a[:2]", "$.a[1:]", "$.a[0, 1]", "$['a', 'b']", "$.a[?(@.b == 1)]",
		"$.a[?(@.b > 1 || @.c)]", "$.detail-type", "$.\u00e9t\u00e9", "$.a.['b c']", "$.a[ 0 ]",
	}
	for _, p := range valid {
		if err := Validate(p); err != nil {
			t.Errorf("Validate(%q) = %v, want nil", p, err)
		}
	}
	invalid := []string{
		"", "a", "$.", "$..", "$a", "$[", "$]", "$.a[", "$.a[]", "$.a]", "$['a'", "$['a]", "$.a b",
		"$.a[0:1:2]", "$.a[x]", "$.a[?(@.b == 1]", "$.a[?@.b]", "$.length()", "$.a.length()",
		"$.a[99999999999]", "$.a[?(@.b === )]", "$$.a", "$.a[0,]", "$ ", "$.a[?(@.b =~ /x)]",
	}
	for _, p := range invalid {
		err := Validate(p)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Validate(%q) = %v, want *SyntaxError", p, err)
		}
	}
}

func TestValidateReference(t *testing.T) {
	t.Parallel()
	valid := []string{"$", "$.a", "$.a.b", "$['a b'].c", "$.a[0]", "$.a.['b']", "$.detail-type"}
	for _, p := range valid {
		if err := ValidateReference(p); err != nil {
			t.Errorf("ValidateReference(%q) = %v, want nil", p, err)
		}
	}
	notRef := []string{"$.a[*]", "$..a", "$.a[0,1]", "$.a[0:1]", "$.a[?(@.b)]", "$['a','b']", "$.a[-1]", "$.*"}
	for _, p := range notRef {
		if err := ValidateReference(p); !errors.Is(err, ErrNotReference) {
			t.Errorf("ValidateReference(%q) = %v, want ErrNotReference", p, err)
		}
	}
	var se *SyntaxError
	if err := ValidateReference("$.a["); !errors.As(err, &se) {
		t.Errorf("ValidateReference(%q) = %v, want *SyntaxError", "$.a[", err)
	}
}

func TestSet(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		data  string
		path  string
		value string
		want  string
	}{
		{"root replaces", `{"a":1}`, "$", `"r"`, `"r"`},
		{"root replaces scalar", `5`, "$", `{"x":1}`, `{"x":1}`},
		{"new member", `{"comment":"hi"}`, "$.taskresult", `"Hello"`, `{"comment":"hi","taskresult":"Hello"}`},
		{"replace member", `{"a":1,"b":2}`, "$.a", `[1]`, `{"a":[1],"b":2}`},
		{"creates intermediate objects", `{"a":1}`, "$.x.y.z", `true`, `{"a":1,"x":{"y":{"z":true}}}`},
		{"into existing object", `{"x":{"k":1}}`, "$.x.y", `2`, `{"x":{"k":1,"y":2}}`},
		{"bracket name", `{}`, "$['a b']", `1`, `{"a b":1}`},
		{"array element", `{"a":[1,2,3]}`, "$.a[1]", `"x"`, `{"a":[1,"x",3]}`},
		{"member of array element", `{"a":[{"b":1}]}`, "$.a[0].c", `2`, `{"a":[{"b":1,"c":2}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := mustDecode(t, tt.data)
			before := jsonv.Clone(data)
			got, err := Set(data, tt.path, mustDecode(t, tt.value))
			if err != nil {
				t.Fatalf("Set(%s, %q) error: %v", tt.data, tt.path, err)
			}
			if diff := cmp.Diff(mustDecode(t, tt.want), got); diff != "" {
				t.Errorf("Set(%s, %q) mismatch (-want +got):\n%s", tt.data, tt.path, diff)
			}
			if diff := cmp.Diff(before, data); diff != "" {
				t.Errorf("Set mutated its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestSetErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		path string
	}{
		{"member of a string input", `"text"`, "$.a"},
		{"member of a number", `{"a":1}`, "$.a.b"},
		{"member of an array", `{"a":[1]}`, "$.a.b"},
		{"member of null", `{"a":null}`, "$.a.b"},
		{"index of an object", `{"a":{}}`, "$.a[0]"},
		{"index out of range", `{"a":[1]}`, "$.a[1]"},
		{"index below a missing member", `{}`, "$.a[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Set(mustDecode(t, tt.data), tt.path, int64(1))
			var se *SetError
			if !errors.As(err, &se) {
				t.Fatalf("Set(%s, %q) = %v, want *SetError", tt.data, tt.path, err)
			}
		})
	}
	if _, err := Set(map[string]any{}, "$.a[*]", 1); !errors.Is(err, ErrNotReference) {
		t.Errorf("Set with $.a[*] = %v, want ErrNotReference", err)
	}
}

func TestCompileCaches(t *testing.T) {
	t.Parallel()
	const p = "$.cached.path[?(@.x < 1)]"
	a, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := compile(p)
	if a != b {
		t.Errorf("compile(%q) parsed twice: got two different compiled paths", p)
	}
}

func FuzzQuery(f *testing.F) {
	for _, s := range []string{
		"$", "$.a", "$.a[0]", "$..a", "$.a[*]", "$['a','b']", "$.a[?(@.b < 1)]", "$.a[1:-1]",
		"$.a[?(@.b =~ /x(/)]", "$.a[?(@.b in [1,2])]", "$[?(@ == 1)]", "$..[?(!@.x)]", "$['\\'']",
		"$.a[?(@.b == $.c)]", "$[-2147483648]", "$..*", "$.a.b.c[0][1][2]",
	} {
		f.Add(s)
	}
	data := mustDecode(f, `{"a":[{"b":0,"c":"x"},{"b":2},[1,2],null,"s",1.5],"b":{"c":{"d":[true]}},"c":0}`)
	f.Fuzz(func(t *testing.T, path string) {
		v, found, err := Query(path, data)
		if err != nil {
			return
		}
		def, _ := IsDefinite(path)
		if !def {
			if _, ok := v.([]any); !ok || !found {
				t.Fatalf("Query(%q) indefinite = %v, %v; want a list", path, v, found)
			}
		}
		if ValidateReference(path) == nil {
			_, _ = Set(data, path, "v")
		}
	})
}
