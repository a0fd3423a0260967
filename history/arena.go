package history

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// arena keeps a log's data texts (the inputs, outputs and parameters of
// AppendText events) back to back in a few large byte chunks. A history of
// 25,000 events is then a few dozen objects for the garbage collector to
// mark, not 25,000 strings: a GetExecutionHistory page, whose cost is
// mostly that of the garbage collection it causes, costs the same for a
// long history as for a short one (issue 8).
//
// Bytes once written are never written again, and a chunk never moves (a
// text that does not fit starts a new one), so the strings read back alias
// the chunks safely: nothing can change them.
type arena struct {
	chunks [][]byte

	// The texts stored last: an Exited event's output is most often the
	// next Entered event's input, and both name the same state: the very
	// same strings, each stored once.
	recent [4]recentText
	oldest int // the slot of recent to replace next
}

type recentText struct {
	data *byte
	n    int
	ref  textRef
}

// textRef locates a text in an arena: its chunk, and where in the chunk
// its length (a uvarint) is written, the bytes after it. Eight bytes, so a
// stored entry holds two in 16.
type textRef struct {
	chunk, off uint32
}

// emptyText is the place of "", which takes no room.
var emptyText = textRef{chunk: math.MaxUint32}

// Chunk sizes: the first is small, so a short history stays small; each
// next one doubles, up to maxChunk. A longer text gets a chunk of its own
// size.
const (
	firstTextChunk = 256
	maxTextChunk   = 64 << 10
)

// store copies s into the arena and returns where it is.
func (a *arena) store(s string) textRef {
	if len(s) == 0 {
		return emptyText
	}
	data := unsafe.StringData(s)
	for i := range a.recent {
		if r := &a.recent[i]; r.data == data && r.n == len(s) {
			return r.ref
		}
	}
	need := binary.MaxVarintLen64 + len(s)
	k := len(a.chunks) - 1
	if k < 0 || cap(a.chunks[k])-len(a.chunks[k]) < need {
		size := firstTextChunk
		if k >= 0 {
			size = min(2*cap(a.chunks[k]), maxTextChunk)
		}
		a.chunks = append(a.chunks, make([]byte, 0, max(size, need)))
		k++
	}
	c := a.chunks[k]
	ref := textRef{chunk: uint32(k), off: uint32(len(c))}
	c = binary.AppendUvarint(c, uint64(len(s)))
	a.chunks[k] = append(c, s...)
	a.recent[a.oldest] = recentText{data: data, n: len(s), ref: ref}
	a.oldest = (a.oldest + 1) % len(a.recent)
	return ref
}

// text returns the text at ref, sharing the arena's bytes.
func (a *arena) text(ref textRef) string {
	if ref == emptyText {
		return ""
	}
	c := a.chunks[ref.chunk][ref.off:]
	n, k := binary.Uvarint(c)
	return unsafe.String(&c[k], int(n))
}
