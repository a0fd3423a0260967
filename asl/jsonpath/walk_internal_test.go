package jsonpath

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// A simple path (one name or one index a step) answers the same through
// walk as through the general evaluation, found or not, whatever it meets.
func TestWalkMatchesGeneralQuery(t *testing.T) {
	t.Parallel()
	data, err := jsonv.DecodeString(`{"a":{"b":[10,{"c":"x"},null],"n":null},"list":[[1,2],[3]],"s":"str","":{"e":1}}`)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[-1]", "$.a.b[-3]", "$.a.b[3]",
		"$.a.b[-4]", "$.a.n", "$.a.n.x", "$.missing", "$.missing.x", "$.s.x", "$.s[0]", "$.list[1][0]",
		"$.list[0][5]", "$['a']['b'][1]", "$.a.b.c", "$[0]", "$['']['e']"}
	for _, path := range paths {
		c, err := compile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !c.simple {
			t.Errorf("%s: not simple", path)
			continue
		}
		general := *c
		general.simple = false
		for _, d := range []any{data, nil, "text", []any{1.0}} {
			gotV, gotOK, gotErr := c.query(d)
			wantV, wantOK, wantErr := general.query(d)
			if gotOK != wantOK || (gotErr == nil) != (wantErr == nil) || !cmp.Equal(gotV, wantV) {
				t.Errorf("%s on %v: walk %v, %v, %v; general %v, %v, %v", path, d, gotV, gotOK, gotErr, wantV, wantOK, wantErr)
			}
		}
	}
	for _, path := range []string{"$.a.*", "$..c", "$.a.b[0,1]", "$.a['b','n']", "$.a.b[0:1]", "$.a.b[?(@.c)]"} {
		if c, err := compile(path); err != nil || c.simple {
			t.Errorf("%s: simple=%v, %v; want a path walk does not take", path, c != nil && c.simple, err)
		}
	}
}

// FuzzWalk checks walk against the general evaluation for any simple path
// and any JSON document.
func FuzzWalk(f *testing.F) {
	f.Add("$.a.b[1].c", `{"a":{"b":[10,{"c":"x"}]}}`)
	f.Add("$[-1]", `[1,2,3]`)
	f.Add("$['x y'][0]", `{"x y":[null]}`)
	f.Fuzz(func(t *testing.T, path, doc string) {
		c, err := compile(path)
		if err != nil || !c.simple {
			return
		}
		data, err := jsonv.DecodeString(doc)
		if err != nil {
			return
		}
		general := *c
		general.simple = false
		gotV, gotOK, _ := c.query(data)
		wantV, wantOK, _ := general.query(data)
		if gotOK != wantOK || !cmp.Equal(gotV, wantV) {
			t.Errorf("%s on %s: walk %v, %v; general %v, %v", path, doc, gotV, gotOK, wantV, wantOK)
		}
	})
}
