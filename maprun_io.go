package sfnmem

import (
	"fmt"
	"strings"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/internal/jsonv"
	"github.com/sfnmem/sfnmem/maprun"
)

// readItemsLocked returns a Map Run's items: from ItemsPath, or read by its
// ItemReader from the engine's object store (s3:getObject,
// s3:listObjectsV2). Reader failures are States.ItemReaderFailed.
func (e *Engine) readItemsLocked(mr *mapRunState) ([]any, error) {
	st, in, ctx := mr.req.State, mr.req.Input, mr.req.Context
	if st.ItemReader == nil {
		return st.Items(in, ctx)
	}
	params, err := resolve(st.ItemReader["Parameters"], in, ctx, e)
	if err != nil {
		return nil, err
	}
	config, err := e.readerConfig(st.ItemReader["ReaderConfig"], in, ctx)
	if err != nil {
		return nil, err
	}
	bucket, _ := params["Bucket"].(string)
	resource, _ := st.ItemReader["Resource"].(string)
	switch {
	case strings.HasSuffix(resource, ":::s3:getObject"):
		key, _ := params["Key"].(string)
		body, ok := e.objects.get(bucket, key)
		if !ok {
			return nil, &maprun.Error{Name: maprun.ErrItemReaderFailed, Cause: fmt.Sprintf(
				"The specified key does not exist. (Bucket: %s, Key: %s)", bucket, key)}
		}
		return maprun.ReadItems(config, body)
	case strings.HasSuffix(resource, ":::s3:listObjectsV2"):
		prefix, _ := params["Prefix"].(string)
		rc, err := maprun.ParseReaderConfig(config)
		if err != nil {
			return nil, err
		}
		return maprun.ListObjects(e.objects.list(bucket, prefix), prefix, rc.MaxItems), nil
	}
	return nil, &maprun.Error{Name: maprun.ErrItemReaderFailed, Cause: "sfnmem does not support the ItemReader resource " + resource}
}

// readerConfig resolves ReaderConfig, turning MaxItemsPath into MaxItems.
func (e *Engine) readerConfig(raw, in, ctx any) (map[string]any, error) {
	config, _ := jsonv.Clone(raw).(map[string]any)
	if config == nil {
		config = map[string]any{}
	}
	if p, ok := config["MaxItemsPath"].(string); ok {
		n, err := selectInt(p, "MaxItemsPath", in, ctx)
		if err != nil {
			return nil, err
		}
		delete(config, "MaxItemsPath")
		config["MaxItems"] = n
	}
	return config, nil
}

// resolve applies a payload template (ItemReader or ResultWriter
// Parameters, BatchInput) to the state's input.
func resolve(raw, in, ctx any, e *Engine) (map[string]any, error) {
	if raw == nil {
		return map[string]any{}, nil
	}
	t, err := asl.NewTemplate(raw)
	if err != nil {
		return nil, err
	}
	v, err := t.Apply(in, ctx, engineRand{e})
	if err != nil {
		return nil, err
	}
	m, _ := v.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m, nil
}

// batchLocked groups inputs as the state's ItemBatcher says, returning the
// children's inputs and how many items each holds.
func (e *Engine) batchLocked(b map[string]any, inputs []any, in, ctx any) ([]any, []int64, error) {
	maxItems, err := batcherLimit(b, "MaxItemsPerBatch", in, ctx)
	if err != nil {
		return nil, nil, err
	}
	maxBytes, err := batcherLimit(b, "MaxInputBytesPerBatch", in, ctx)
	if err != nil {
		return nil, nil, err
	}
	var batchInput any
	if raw, ok := b["BatchInput"]; ok {
		if batchInput, err = resolve(raw, in, ctx, e); err != nil {
			return nil, nil, err
		}
	}
	batches, err := maprun.Batch(inputs, maxItems, maxBytes, batchInput)
	if err != nil {
		return nil, nil, err
	}
	counts := make([]int64, len(batches))
	for i, b := range batches {
		items, _ := b.(map[string]any)["Items"].([]any)
		counts[i] = int64(len(items))
	}
	return batches, counts, nil
}

func batcherLimit(b map[string]any, field string, in, ctx any) (int64, error) {
	if p, ok := b[field+"Path"].(string); ok {
		return selectInt(p, field+"Path", in, ctx)
	}
	n, _ := number(b[field])
	return int64(n), nil
}

// writeResultsLocked writes the children's results where the
// ResultWriter says and returns the Map state's result pointing at them.
func (e *Engine) writeResultsLocked(mr *mapRunState, w map[string]any) (any, error) {
	params, err := resolve(w["Parameters"], mr.req.Input, mr.req.Context, e)
	if err != nil {
		return nil, err
	}
	bucket, _ := params["Bucket"].(string)
	prefix, _ := params["Prefix"].(string)
	results := make([]maprun.Result, len(mr.children))
	var written, items int64
	for i, c := range mr.children {
		results[i] = e.childResultLocked(mr, c)
		written++
		items += c.items
	}
	objects, output, err := maprun.WriteResults(bucket, prefix, mr.m.ARN, results)
	if err != nil {
		return nil, &maprun.Error{Name: maprun.ErrResultWriterFailed, Cause: err.Error()}
	}
	now := e.now()
	for key, body := range objects {
		e.objects.put(bucket, key, body, now)
	}
	if err := mr.m.SetResultsWritten(written, items); err != nil {
		return nil, err
	}
	return output, nil
}

func (e *Engine) childResultLocked(mr *mapRunState, c *mapChild) maprun.Result {
	if c.x == nil {
		return maprun.Result{Status: maprun.Pending, Input: c.input}
	}
	r := c.x.x
	status, reason := e.redriveStatusLocked(c.x)
	res := maprun.Result{
		ExecutionARN: r.ARN, Name: r.Name, StateMachineARN: r.StateMachineARN, Status: r.Status,
		Input: r.Input, Error: r.Error, Cause: r.Cause, StartDate: r.StartDate, StopDate: r.StopDate,
		RedriveCount: r.RedriveCount, RedriveStatus: status, RedriveStatusReason: reason,
	}
	if r.HasOutput {
		res.Output = r.Output
	}
	return res
}
