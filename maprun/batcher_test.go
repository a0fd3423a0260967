package maprun_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/maprun"
)

func TestBatch(t *testing.T) {
	t.Parallel()
	ints := func(ns ...int64) []any {
		out := make([]any, len(ns))
		for i, n := range ns {
			out[i] = n
		}
		return out
	}
	b := func(items ...int64) any { return map[string]any{"Items": ints(items...)} }
	tests := []struct {
		name       string
		items      []any
		maxItems   int64
		maxBytes   int64
		batchInput any
		want       []any
	}{
		{"by count", ints(1, 2, 3, 4, 5), 2, 0, nil, []any{b(1, 2), b(3, 4), b(5)}},
		{"count larger than items", ints(1, 2), 10, 0, nil, []any{b(1, 2)}},
		{"no items", ints(), 2, 0, nil, []any{}},
		// {"Items":[1,2]} is 15 bytes; each further one-digit item adds 2.
		{"by bytes: exactly at the limit", ints(1, 2, 3), 0, 15, nil, []any{b(1, 2), b(3)}},
		{"by bytes: one under the limit", ints(1, 2, 3), 0, 14, nil, []any{b(1), b(2), b(3)}},
		{"count and bytes: count binds", ints(1, 2, 3), 1, 100, nil, []any{b(1), b(2), b(3)}},
		{"with BatchInput", ints(1, 2, 3), 2, 0, map[string]any{"k": "v"}, []any{
			map[string]any{"BatchInput": map[string]any{"k": "v"}, "Items": ints(1, 2)},
			map[string]any{"BatchInput": map[string]any{"k": "v"}, "Items": ints(3)},
		}},
		// {"BatchInput":"xy","Items":[1]} is 31 bytes.
		{"BatchInput counts toward bytes", ints(1, 2), 0, 31, "xy", []any{
			map[string]any{"BatchInput": "xy", "Items": ints(1)},
			map[string]any{"BatchInput": "xy", "Items": ints(2)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := maprun.Batch(tt.items, tt.maxItems, tt.maxBytes, tt.batchInput)
			if err != nil {
				t.Fatalf("Batch = %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Batch (-want +got):\n%s", diff)
			}
			for _, in := range got {
				enc, _ := jsonv.Encode(in)
				if tt.maxBytes > 0 && int64(len(enc)) > tt.maxBytes {
					t.Errorf("batch %s is %d bytes, over %d", enc, len(enc), tt.maxBytes)
				}
			}
		})
	}
}

func TestBatchDefaultByteLimit(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 100*1024)
	got, err := maprun.Batch([]any{big, big, big}, 0, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("three 100 KiB items made %d batches, want 2 under the 256 KiB limit", len(got))
	}
	if _, err := maprun.Batch([]any{strings.Repeat("x", maprun.MaxBatchBytes)}, 0, 0, nil); err == nil {
		t.Error("an item over 256 KiB batched without error")
	}
}

func TestBatchBatchInputIsCopied(t *testing.T) {
	t.Parallel()
	bi := map[string]any{"k": "v"}
	got, err := maprun.Batch([]any{int64(1), int64(2)}, 1, 0, bi)
	if err != nil {
		t.Fatal(err)
	}
	got[0].(map[string]any)["BatchInput"].(map[string]any)["k"] = "changed"
	if bi["k"] != "v" || got[1].(map[string]any)["BatchInput"].(map[string]any)["k"] != "v" {
		t.Error("batches share their BatchInput")
	}
}

func TestBatchFails(t *testing.T) {
	t.Parallel()
	_, err := maprun.Batch([]any{"short", strings.Repeat("x", 50)}, 0, 30, nil)
	var e *maprun.Error
	if !errors.As(err, &e) || e.Name != maprun.ErrRuntime || !strings.Contains(e.Cause, "index 1") {
		t.Fatalf("Batch with an item over the byte limit = %v, want States.Runtime naming index 1", err)
	}
	if _, err := maprun.Batch([]any{int64(1)}, -1, 0, nil); err == nil {
		t.Error("Batch with negative MaxItemsPerBatch = nil")
	}
	if _, err := maprun.Batch([]any{func() {}}, 1, 0, nil); err == nil {
		t.Error("Batch of an unencodable item = nil")
	}
	if _, err := maprun.Batch([]any{int64(1)}, 1, 0, func() {}); err == nil {
		t.Error("Batch with an unencodable BatchInput = nil")
	}
}
