package sfnmem

import (
	"bytes"
	"encoding/json"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// resultCache remembers handlers' recent results by their JSON text, decoded
// and re-encoded compactly. A test's handlers mostly return the same few
// texts, and the interpreter never modifies a value in place, so one decoded
// value serves every task that returns that text: no decoding, no encoding.
// It is bounded: small texts only, and cleared when full. Guarded by e.mu.
type resultCache map[string]decodedResult

type decodedResult struct {
	value any
	text  string // value's compact JSON
}

const (
	maxCachedResult  = 4 << 10 // bytes of a result text worth keeping
	maxCachedResults = 256     // distinct texts before the cache starts over
)

// decode returns out's value and compact text; an empty result is null.
func (c *resultCache) decode(out json.RawMessage) (any, string, error) {
	if r, ok := (*c)[string(out)]; ok { // a lookup by string(out) does not copy out
		return r.value, r.text, nil
	}
	value, err := resultValue(out)
	if err != nil {
		return nil, "", err
	}
	text := jsonv.MustEncodeString(value)
	if len(out) <= maxCachedResult {
		if *c == nil || len(*c) >= maxCachedResults {
			*c = make(resultCache)
		}
		(*c)[string(out)] = decodedResult{value: value, text: text}
	}
	return value, text, nil
}

// resultValue decodes a handler's result; an empty result is null.
func resultValue(out json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(out)) == 0 {
		return nil, nil
	}
	return jsonv.Decode(out)
}
