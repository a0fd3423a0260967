package maprun_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/maprun"
)

func TestReadItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		config map[string]any
		object string
		want   []any
	}{
		{"JSON array", map[string]any{"InputType": "JSON"}, `[1, "a", {"b": 2.5}, null]`,
			[]any{int64(1), "a", map[string]any{"b": 2.5}, nil}},
		{"JSON MaxItems", map[string]any{"InputType": "JSON", "MaxItems": int64(2)}, `[1,2,3]`, []any{int64(1), int64(2)}},
		{"JSON MaxItems as float", map[string]any{"InputType": "JSON", "MaxItems": 1.0}, `[1,2,3]`, []any{int64(1)}},
		{"JSON MaxItems 0 is all", map[string]any{"InputType": "JSON", "MaxItems": int64(0)}, `[1,2]`, []any{int64(1), int64(2)}},
		{"JSON empty array", map[string]any{"InputType": "JSON"}, `[]`, []any{}},
		{"JSONL", map[string]any{"InputType": "JSONL"}, "{\"a\":1}\n\n[2]\r\n\"s\"\n", []any{map[string]any{"a": int64(1)}, []any{int64(2)}, "s"}},
		{"JSONL MaxItems", map[string]any{"InputType": "JSONL", "MaxItems": int64(1)}, "1\n2\nnot json", []any{int64(1)}},
		{"CSV first row", map[string]any{"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
			"id,name\n1,alpha\n2,\"b,eta\"\n",
			[]any{map[string]any{"id": "1", "name": "alpha"}, map[string]any{"id": "2", "name": "b,eta"}}},
		{"CSV header location defaults to first row", map[string]any{"InputType": "CSV"}, "x\n1\n", []any{map[string]any{"x": "1"}}},
		{"CSV given headers: first row is data", map[string]any{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": []any{"a", "b"}},
			"1,2\n3,4\n", []any{map[string]any{"a": "1", "b": "2"}, map[string]any{"a": "3", "b": "4"}}},
		{"CSV short and long rows", map[string]any{"InputType": "CSV"}, "a,b\n1\n2,3,4\n",
			[]any{map[string]any{"a": "1", "b": ""}, map[string]any{"a": "2", "b": "3"}}},
		{"CSV header only", map[string]any{"InputType": "CSV"}, "a,b\n", []any{}},
		{"CSV empty object", map[string]any{"InputType": "CSV"}, "", []any{}},
		{"CSV MaxItems does not count the header", map[string]any{"InputType": "CSV", "MaxItems": int64(1)}, "a\n1\n2\n", []any{map[string]any{"a": "1"}}},
		{"CSV pipe", map[string]any{"InputType": "CSV", "CSVDelimiter": "PIPE"}, "a|b\n1|2\n", []any{map[string]any{"a": "1", "b": "2"}}},
		{"CSV semicolon", map[string]any{"InputType": "CSV", "CSVDelimiter": "SEMICOLON"}, "a;b\n1;2\n", []any{map[string]any{"a": "1", "b": "2"}}},
		{"CSV space", map[string]any{"InputType": "CSV", "CSVDelimiter": "SPACE"}, "a b\n1 2\n", []any{map[string]any{"a": "1", "b": "2"}}},
		{"CSV tab", map[string]any{"InputType": "CSV", "CSVDelimiter": "TAB"}, "a\tb\n1\t2\n", []any{map[string]any{"a": "1", "b": "2"}}},
		{"CSV comma", map[string]any{"InputType": "CSV", "CSVDelimiter": "COMMA"}, "a,b\n1,2\n", []any{map[string]any{"a": "1", "b": "2"}}},
		{"CSV numbers stay strings", map[string]any{"InputType": "CSV"}, "n,b\n42,true\n", []any{map[string]any{"n": "42", "b": "true"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := maprun.ReadItems(tt.config, []byte(tt.object))
			if err != nil {
				t.Fatalf("ReadItems = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadItems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadItemsFails(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		config    map[string]any
		object    string
		wantCause string // "" checks only the error name
	}{
		{"duplicate CSV headers", map[string]any{"InputType": "CSV"}, "a,b,a\n1,2,3\n", "CSV headers cannot contain duplicates."},
		{"duplicate given headers", map[string]any{"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": []any{"x", "x"}}, "1,2\n", "CSV headers cannot contain duplicates."},
		{"given without headers", map[string]any{"InputType": "CSV", "CSVHeaderLocation": "GIVEN"}, "1\n", ""},
		{"bad header location", map[string]any{"InputType": "CSV", "CSVHeaderLocation": "LAST_ROW"}, "1\n", ""},
		{"bad delimiter", map[string]any{"InputType": "CSV", "CSVDelimiter": "COLON"}, "a\n", ""},
		{"bad CSV quoting", map[string]any{"InputType": "CSV"}, "a\n\"x\n", ""},
		{"JSON object, not array", map[string]any{"InputType": "JSON"}, `{"a":1}`, ""},
		{"invalid JSON", map[string]any{"InputType": "JSON"}, `[1,`, ""},
		{"invalid JSONL line", map[string]any{"InputType": "JSONL"}, "1\n{\n", ""},
		{"unknown input type", map[string]any{"InputType": "XML"}, "", ""},
		{"missing input type", map[string]any{}, "[]", ""},
		{"manifest not modelled", map[string]any{"InputType": "MANIFEST"}, "{}", ""},
		{"input type not a string", map[string]any{"InputType": int64(1)}, "[]", ""},
		{"headers not strings", map[string]any{"InputType": "CSV", "CSVHeaders": []any{int64(1)}}, "", ""},
		{"headers not an array", map[string]any{"InputType": "CSV", "CSVHeaders": "a"}, "", ""},
		{"MaxItems negative", map[string]any{"InputType": "JSON", "MaxItems": int64(-1)}, "[]", ""},
		{"MaxItems too large", map[string]any{"InputType": "JSON", "MaxItems": int64(maprun.MaxItemsLimit + 1)}, "[]", ""},
		{"MaxItems fractional", map[string]any{"InputType": "JSON", "MaxItems": 1.5}, "[]", ""},
		{"MaxItems a string", map[string]any{"InputType": "JSON", "MaxItems": "1"}, "[]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := maprun.ReadItems(tt.config, []byte(tt.object))
			var e *maprun.Error
			if !errors.As(err, &e) || e.Name != maprun.ErrItemReaderFailed {
				t.Fatalf("ReadItems = %v, %v, want States.ItemReaderFailed", got, err)
			}
			if tt.wantCause != "" && e.Cause != tt.wantCause {
				t.Errorf("cause = %q, want %q", e.Cause, tt.wantCause)
			}
		})
	}
}

func TestListObjects(t *testing.T) {
	t.Parallel()
	mod := time.Date(2022, 11, 17, 15, 44, 41, 500_000_000, time.UTC)
	objects := []maprun.Object{
		{Key: "images/b.jpg", Size: 20, LastModified: mod, ETag: maprun.ETag([]byte("b"))},
		{Key: "other/c.txt", Size: 1, LastModified: mod},
		{Key: "images/a.jpg", Size: 10, LastModified: mod.Add(time.Hour), ETag: `"x"`, StorageClass: "GLACIER"},
	}
	item := func(etag, key string, lm int64, size int64, sc string) map[string]any {
		return map[string]any{"Etag": etag, "Key": key, "LastModified": lm, "Size": size, "StorageClass": sc}
	}
	tests := []struct {
		name     string
		prefix   string
		maxItems int64
		want     []any
	}{
		{"prefix, in key order", "images/", 0, []any{
			item(`"x"`, "images/a.jpg", mod.Add(time.Hour).Unix(), 10, "GLACIER"),
			item(`"92eb5ffee6ae2fec3ad71c777531578f"`, "images/b.jpg", mod.Unix(), 20, "STANDARD"),
		}},
		{"MaxItems", "images/", 1, []any{item(`"x"`, "images/a.jpg", mod.Add(time.Hour).Unix(), 10, "GLACIER")}},
		{"no match", "none/", 0, []any{}},
		{"no prefix lists all", "", 0, []any{
			item(`"x"`, "images/a.jpg", mod.Add(time.Hour).Unix(), 10, "GLACIER"),
			item(`"92eb5ffee6ae2fec3ad71c777531578f"`, "images/b.jpg", mod.Unix(), 20, "STANDARD"),
			item("", "other/c.txt", mod.Unix(), 1, "STANDARD"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := maprun.ListObjects(objects, tt.prefix, tt.maxItems)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ListObjects(%q, %d) (-want +got):\n%s", tt.prefix, tt.maxItems, diff)
			}
		})
	}
	if objects[0].Key != "images/b.jpg" {
		t.Error("ListObjects reordered its input")
	}
}
