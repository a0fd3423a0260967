package history

import (
	"encoding/binary"
	"math"
	"math/bits"
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
// text that does not fit starts the next one), so the strings read back
// alias the chunks safely: nothing can change them.
//
// A text is found by its position among all the arena's bytes, four bytes
// an entry can hold. The chunks' sizes are fixed, so a position names its
// chunk by arithmetic: 64 bytes, doubling up to 64 KiB, then 64 KiB each.
// A chunk is allocated when the first text is written to it. The first
// is all most histories need (a test's inputs and outputs are short, and
// the names of states are not stored here: see Names), and costs the
// arena one allocation of 64 bytes: it is not listed in chunks, which is
// made only for a second one.
//
// An arena sized by a hint (sized) has instead a first chunk of that many
// bytes, which texts as long as the last history's fill exactly, in one
// allocation; past it the usual geometry follows, from chunk 1.
// (Linear100's texts took 2,164 bytes in six chunks of 4,032 bytes.)
type arena struct {
	first  *byte    // chunk 0's bytes, chunkSize(0) of them
	chunks [][]byte // by chunk number, from 1; nil for one skipped by a larger text
	end    uint32   // the position after the last text stored
	sized  uint32   // the size of a first chunk sized by a hint; 0 for the usual geometry
}

// textCache is what an arena's writer remembers of the texts stored last:
// an Exited event's output is most often the next Entered event's input,
// and both name the same state: the very same strings, each stored once.
// It is write-time state only, kept in the log's writer (see writer), not
// in the arena, which a log keeps for as long as its execution.
type textCache struct {
	recent [4]recentText
	oldest uint8 // the slot of recent to replace next
	last   uint8 // the slot stored or found last, tried first
}

type recentText struct {
	data *byte
	n    uint32 // at most maxArenaText
	ref  textRef
}

// textRef is where a text is: its position in an arena (where its length,
// a uvarint, is written, the bytes after it), or, with refText set, the
// index into the log's refs of a text too large for the arena's chunks.
type textRef uint32

const (
	// emptyText is the place of "", which takes no room.
	emptyText textRef = math.MaxUint32
	// refText marks a text kept in the log's refs, not in its arena.
	refText textRef = 1 << 31
	// maxArena bounds the positions: past it texts go to refs.
	maxArena = uint32(refText)
)

// The chunk geometry: small chunks of 64 bytes to 32 KiB, then full
// chunks of maxTextChunk.
const (
	firstTextBits = 6
	textChunkBits = 16
	maxTextChunk  = 1 << textChunkBits
	smallChunks   = textChunkBits - firstTextBits            // the small chunks: 64 B to 32 KiB
	smallBytes    = 1<<textChunkBits - 1<<firstTextBits      // the bytes they hold together
	maxArenaText  = maxTextChunk - binary.MaxVarintLen32 - 1 // the longest text a chunk can take
)

// chunkOf returns the chunk of a holding position p, and p's offset in it.
func (a *arena) chunkOf(p uint32) (k int, off uint32) {
	if a.sized == 0 {
		return chunkOf(p)
	}
	if p < a.sized {
		return 0, p
	}
	k, off = chunkOf(p - a.sized)
	return k + 1, off
}

// chunkSize returns the size of a's chunk k.
func (a *arena) chunkSize(k int) uint32 {
	switch {
	case a.sized == 0:
		return chunkSize(k)
	case k == 0:
		return a.sized
	}
	return chunkSize(k - 1)
}

// chunkOf returns the chunk holding position p, and p's offset in it, in
// the usual geometry.
func chunkOf(p uint32) (k int, off uint32) {
	if p < smallBytes {
		k = bits.Len32(p+1<<firstTextBits) - 1 - firstTextBits // 64..127 → 0, 128..255 → 1, ...
		return k, p + 1<<firstTextBits - 1<<(firstTextBits+k)
	}
	q := p - smallBytes
	return smallChunks + int(q>>textChunkBits), q & (maxTextChunk - 1)
}

// chunkSize returns the size of chunk k in the usual geometry.
func chunkSize(k int) uint32 {
	if k < smallChunks {
		return 1 << (firstTextBits + k)
	}
	return maxTextChunk
}

// noRef is what lastRef returns for a text it does not know.
const noRef textRef = emptyText - 1

// lastRef returns where s is if it is the text stored or found last, or
// noRef: most often it is (a state's input is the output its predecessor
// exited with, and a task's parameters the input it entered with).
func (c *textCache) lastRef(s string) textRef {
	if r := &c.recent[c.last]; r.data == unsafe.StringData(s) && r.n == uint32(len(s)) && len(s) > 0 {
		return r.ref
	}
	return noRef
}

// store copies s into the arena and returns where it is; ok is false,
// storing nothing, for a text longer than a chunk or one that would take the
// arena past maxArena: the caller keeps those elsewhere.
func (c *textCache) store(a *arena, s string) (ref textRef, ok bool) {
	if len(s) == 0 {
		return emptyText, true
	}
	if len(s) > maxArenaText {
		return 0, false
	}
	data := unsafe.StringData(s)
	if ref := c.lastRef(s); ref != noRef {
		return ref, true
	}
	for i := range c.recent {
		if r := &c.recent[i]; r.data == data && r.n == uint32(len(s)) {
			if uint8(i) == c.oldest {
				// In use again: replace another first. A task's result
				// recurs at every state while each state brings a new
				// name, which would otherwise push it out every four.
				c.oldest = (c.oldest + 1) % uint8(len(c.recent))
			}
			c.last = uint8(i)
			return r.ref, true
		}
	}
	need := uint32(uvarintLen(len(s)) + len(s))
	p := a.end
	k, off := a.chunkOf(p)
	for off+need > a.chunkSize(k) { // skip to the first chunk it fits at the start of
		p += a.chunkSize(k) - off
		k, off = k+1, 0
	}
	if p+need > maxArena {
		return 0, false
	}
	b := a.chunk(k)[off:off:a.chunkSize(k)]
	b = binary.AppendUvarint(b, uint64(len(s)))
	_ = append(b, s...) // written in place: the chunk has room
	ref = textRef(p)
	a.end = p + need
	c.recent[c.oldest] = recentText{data: data, n: uint32(len(s)), ref: ref}
	c.last = c.oldest
	c.oldest = (c.oldest + 1) % uint8(len(c.recent))
	return ref, true
}

// keep stores b's bytes, unless they are the text stored or found last,
// and returns the stored text, which becomes the last one. The recent
// texts remember it by the stored copy's address, never b's: b is the
// caller's buffer, which it will fill again with other bytes.
func (c *textCache) keep(a *arena, b []byte) (string, bool) {
	if len(b) == 0 {
		return "", true
	}
	if r := &c.recent[c.last]; r.n == uint32(len(b)) && r.data != nil {
		if last := unsafe.String(r.data, len(b)); last == string(b) { // compared in place: no copy of b
			return last, true
		}
	}
	ref, ok := c.store(a, unsafe.String(unsafe.SliceData(b), len(b))) // read only while it is copied
	if !ok {
		return "", false
	}
	s := a.text(ref)
	c.recent[c.last].data = unsafe.StringData(s) // not b's
	return s, true
}

// chunk returns chunk k, allocated if it was not.
func (a *arena) chunk(k int) []byte {
	if k == 0 {
		if a.first == nil {
			a.first = unsafe.SliceData(make([]byte, a.chunkSize(0)))
		}
		return unsafe.Slice(a.first, a.chunkSize(0))
	}
	if a.chunks == nil {
		a.chunks = make([][]byte, 0, 6) // room for the first 4 KiB of texts
	}
	for len(a.chunks) <= k {
		a.chunks = append(a.chunks, nil)
	}
	if a.chunks[k] == nil {
		a.chunks[k] = make([]byte, a.chunkSize(k))
	}
	return a.chunks[k]
}

// text returns the text at ref, an arena position or emptyText, sharing
// the arena's bytes.
func (a *arena) text(ref textRef) string {
	if ref == emptyText {
		return ""
	}
	k, off := a.chunkOf(uint32(ref))
	var c []byte
	if k == 0 {
		c = unsafe.Slice(a.first, a.chunkSize(0))[off:]
	} else {
		c = a.chunks[k][off:]
	}
	n, w := binary.Uvarint(c)
	return unsafe.String(&c[w], int(n))
}

// uvarintLen is the length of n written as a uvarint.
func uvarintLen(n int) int {
	return (bits.Len64(uint64(n)|1) + 6) / 7
}
