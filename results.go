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
type resultCache struct {
	m map[string]decodedResult
	// The text decoded last, and its result: a handler most often
	// returns what it returned before, and comparing the bytes costs less
	// than hashing them. (Compared by content, never by address: a handler
	// may write a new result into the buffer it returned before.)
	last       string
	lastResult decodedResult
}

type decodedResult struct {
	raw   string // the text as the handler returned it: the map's key
	value any
	text  string // value's compact JSON
}

const (
	maxCachedResult  = 4 << 10 // bytes of a result text worth keeping
	maxCachedResults = 256     // distinct texts before the cache starts over
)

// decode returns out's value and compact text; an empty result is null.
func (c *resultCache) decode(out json.RawMessage) (any, string, error) {
	if string(out) == c.last && c.last != "" { // a comparison with string(out) does not copy out
		return c.lastResult.value, c.lastResult.text, nil
	}
	if r, ok := c.m[string(out)]; ok { // nor does a lookup
		c.last, c.lastResult = r.raw, r
		return r.value, r.text, nil
	}
	value, err := resultValue(out)
	if err != nil {
		return nil, "", err
	}
	text := jsonv.MustEncodeString(value)
	if len(out) <= maxCachedResult {
		if c.m == nil || len(c.m) >= maxCachedResults {
			c.m = make(map[string]decodedResult)
		}
		r := decodedResult{raw: string(out), value: value, text: text}
		c.m[r.raw] = r
		c.last, c.lastResult = r.raw, r
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
