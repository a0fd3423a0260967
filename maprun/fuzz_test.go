package maprun_test

import (
	"testing"

	"github.com/sfnmem/sfnmem/maprun"
)

// FuzzReadItems checks that no object and no CSV setting makes the reader
// panic, and that MaxItems bounds the result.
func FuzzReadItems(f *testing.F) {
	f.Add("CSV", "COMMA", "a,b\n1,2\n", int64(0))
	f.Add("CSV", "PIPE", "a|a\n", int64(1))
	f.Add("JSON", "", `[1,{"a":[2]}]`, int64(1))
	f.Add("JSONL", "", "1\n\n{}\n", int64(0))
	f.Fuzz(func(t *testing.T, inputType, delim, object string, maxItems int64) {
		cfg := map[string]any{"InputType": inputType, "CSVDelimiter": delim, "MaxItems": maxItems}
		items, err := maprun.ReadItems(cfg, []byte(object))
		if err == nil && maxItems > 0 && int64(len(items)) > maxItems {
			t.Fatalf("%d items past MaxItems %d", len(items), maxItems)
		}
	})
}
