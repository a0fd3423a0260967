package maprun

import (
	"fmt"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// MaxBatchBytes is the largest MaxInputBytesPerBatch, and the limit on a
// batch when it is not set: the 256 KiB payload quota.
const MaxBatchBytes = 256 * 1024

// Batch groups items the way an ItemBatcher does and returns one child input
// per batch, in item order:
//
//	{"BatchInput": batchInput, "Items": [item, …]}
//
// with "BatchInput" left out when batchInput is nil. Each batch holds at most
// maxItems items (0: no limit) and its input, encoded as compact JSON, is at
// most maxBytes bytes (0: [MaxBatchBytes]); the BatchInput counts toward the
// size (docs/decisions.md, "ItemBatcher byte limit"). A batch is closed as
// soon as the next item would break a limit. The number of items of a child
// is len of its "Items".
//
// An item that does not fit in a batch of its own is an *[Error] named
// States.Runtime. Values that cannot be encoded as JSON are an error too.
func Batch(items []any, maxItems, maxBytes int64, batchInput any) ([]any, error) {
	if maxItems < 0 || maxBytes < 0 {
		return nil, fmt.Errorf("maprun: negative batch limit (%d items, %d bytes)", maxItems, maxBytes)
	}
	if maxBytes == 0 || maxBytes > MaxBatchBytes {
		maxBytes = MaxBatchBytes
	}
	// Size of {"Items":[]} or {"BatchInput":…,"Items":[]}.
	base := int64(len(`{"Items":[]}`))
	if batchInput != nil {
		b, err := jsonv.Encode(batchInput)
		if err != nil {
			return nil, fmt.Errorf("maprun: BatchInput: %w", err)
		}
		base += int64(len(`"BatchInput":,`) + len(b))
	}
	batches := []any{}
	var cur []any
	size := base
	flush := func() {
		if len(cur) == 0 {
			return
		}
		in := map[string]any{"Items": cur}
		if batchInput != nil {
			in["BatchInput"] = jsonv.Clone(batchInput)
		}
		batches = append(batches, in)
		cur, size = nil, base
	}
	for i, it := range items {
		b, err := jsonv.Encode(it)
		if err != nil {
			return nil, fmt.Errorf("maprun: item %d: %w", i, err)
		}
		n := int64(len(b))
		if base+n > maxBytes {
			return nil, &Error{Name: ErrRuntime, Cause: fmt.Sprintf(
				"The item at index %d is %d bytes, too large for a batch of at most %d bytes (MaxInputBytesPerBatch).", i, n, maxBytes)}
		}
		sep := int64(0)
		if len(cur) > 0 {
			sep = 1 // the comma
		}
		if len(cur) > 0 && (size+sep+n > maxBytes || (maxItems > 0 && int64(len(cur)) >= maxItems)) {
			flush()
			sep = 0
		}
		cur = append(cur, it)
		size += sep + n
	}
	flush()
	return batches, nil
}
