package history

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"unsafe"
)

// ErrFrozen is returned by the appends of a log that Freeze made final.
var ErrFrozen = errors.New("history: the log is frozen")

// A frozen log keeps its entries packed: a history that will not grow
// again (an execution that succeeded) is read far less often than it was
// written, and an engine keeps thousands. An entry packs into 2 to 4
// bytes where it took 8:
//
//   - its word's low byte: the type and the text and chain flags;
//   - its aux (the 24 bits its word keeps) as a uvarint, packedName moved
//     to bit 1 and, in bit 0, whether the entry has the same text as the
//     entry with a text before it (an Exited event's output, most often, is
//     the next Entered event's input): a state's event whose name index is
//     under 32 and whose text is the last takes two bytes;
//   - for an entry with another text, the difference of their places, a
//     zigzag uvarint, small for texts stored one after the other.
//
// Entries are packed in blocks of frozenBlock. Before the first block, a
// table gives each block's start in the packed bytes and the text before
// its first entry, so that a reader unpacks one block, never the whole log.
const frozenBlock = 64

// blockHead is a block's entry in the table: where it starts, and the text
// reference its first entry with a text is read against.
type blockHead struct {
	off  uint32
	text textRef
}

const blockHeadSize = int(unsafe.Sizeof(blockHead{}))

// Freeze makes the log final, and packs its entries (see frozenBlock):
// later appends return ErrFrozen; reads return exactly what they returned
// before. Freezing a frozen log does nothing.
func (l *Log) Freeze() {
	if l.frozen {
		return
	}
	// A history of a few hundred events is packed on the stack, in one
	// pass, and copied once into memory of exactly its size; a longer one
	// is measured first, then packed straight into its memory, so that it
	// costs no buffer as large as it could be.
	heads := (l.n + frozenBlock - 1) / frozenBlock * blockHeadSize
	var words []entry // entries hold no pointer: the packed bytes need no scanning either
	var stack [4096]byte
	if heads+l.n*maxPacked <= len(stack) {
		o := l.pack(stack[:], heads)
		words = make([]entry, (o+7)/8)
		copy(entryBytes(words), stack[:o])
	} else {
		words = make([]entry, (l.packedSize(heads)+7)/8)
		l.pack(entryBytes(words), heads)
	}
	// The packed words take the place of the chunks, which are dropped:
	// firstChunk[0] is read as packed bytes (packed), never as entries, once
	// frozen is set, and no append reaches slot or reserve again.
	l.frozen = true
	l.chunks, l.room, l.first = nil, 0, 0
	l.firstChunk[0] = words
}

// entryBytes returns the bytes of w.
func entryBytes(w []entry) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), len(w)*8)
}

// entryCodes returns how en is packed after the text last: its aux code
// (bit 31 of its word is packedName) and d, the zigzag difference of its
// text to last (0 for the same text or none), and the text the next entry
// is packed after.
func entryCodes(en entry, last textRef) (code, d uint64, next textRef) {
	w := en.word
	code = uint64(w>>8&(packedName-1))<<2 | uint64(w>>31)<<1
	if w&textFlag != 0 {
		if en.text == last {
			return code | 1, 0, last
		}
		diff := int64(en.text) - int64(last)
		return code, uint64(diff<<1) ^ uint64(diff>>63), en.text
	}
	return code, 0, last
}

// packedSize returns the bytes the log packs into, heads of them its
// blocks' table.
func (l *Log) packedSize(heads int) int {
	size, last, n := heads, textRef(0), l.n
	for _, c := range l.chunks {
		c = c[:min(len(c), n)]
		n -= len(c)
		for _, en := range c {
			code, d, next := entryCodes(en, last)
			size += 1 + uvarintLen64(code)
			if d != 0 {
				size += uvarintLen64(d)
			}
			last = next
		}
	}
	return size
}

// pack writes the log's entries packed into b, after the blocks' table of
// heads bytes, and returns the bytes written.
func (l *Log) pack(b []byte, heads int) int {
	o, last, block, left, n := heads, textRef(0), 0, 0, l.n
	for _, c := range l.chunks {
		c = c[:min(len(c), n)]
		n -= len(c)
		for _, en := range c {
			if left == 0 { // the first entry of a block
				h := (*blockHead)(unsafe.Pointer(&b[block*blockHeadSize]))
				h.off, h.text = uint32(o), last
				block, left = block+1, frozenBlock
			}
			left--
			code, d, next := entryCodes(en, last)
			last = next
			b[o] = byte(en.word)
			if code < 0x80 {
				b[o+1] = byte(code)
				o += 2
			} else {
				o = 1 + o + binary.PutUvarint(b[o+1:], code)
			}
			if d != 0 {
				o = putUvarint(b, o, d)
			}
		}
	}
	return o
}

// maxPacked is the most bytes an entry packs into: its type byte, its aux
// code (under 2^25: 4 bytes) and a text's difference (under 2^33: 5).
const maxPacked = 1 + 4 + 5

// packed returns the packed bytes of a frozen log.
func (l *Log) packed() []byte { return entryBytes(l.firstChunk[0]) }

// putUvarint writes v as a uvarint into b at o, and returns the offset
// after it: a byte, the most frequent case, first.
func putUvarint(b []byte, o int, v uint64) int {
	if v < 0x80 {
		b[o] = byte(v)
		return o + 1
	}
	return o + binary.PutUvarint(b[o:], v)
}

// unpackBlock writes the entries of block k of a frozen log into buf and
// returns how many there are.
func (l *Log) unpackBlock(k int, buf *[frozenBlock]entry) int {
	b := l.packed()
	h := (*blockHead)(unsafe.Pointer(&b[k*blockHeadSize]))
	off, last := int(h.off), h.text
	n := min(frozenBlock, l.n-k*frozenBlock)
	for i := range n {
		w := uint32(b[off])
		off++
		code, m := binary.Uvarint(b[off:])
		off += m
		w |= uint32(code>>2|(code>>1&1)<<23) << 8
		en := entry{word: w}
		switch {
		case !en.hasText():
		case code&1 != 0:
			en.text = last
		default:
			d, m := binary.Uvarint(b[off:])
			off += m
			last = textRef(int64(last) + (int64(d>>1) ^ -int64(d&1))) // zigzag
			en.text = last
		}
		buf[i] = en
	}
	return n
}

// reader reads a log's entries, in any order: from the chunks of a log
// that is not frozen, or, unpacked a block at a time, from the packed
// bytes of a frozen one. A page's events are near each other: most are in
// the block read last.
type reader struct {
	l     *Log
	block int // the block in buf; -1 for none
	buf   [frozenBlock]entry
}

func (l *Log) reader() reader { return reader{l: l, block: -1} }

// entry returns entry i (0-based).
func (r *reader) entry(i int) entry {
	if !r.l.frozen {
		return *r.l.at(i)
	}
	if k := i / frozenBlock; k != r.block {
		r.l.unpackBlock(k, &r.buf)
		r.block = k
	}
	return r.buf[i%frozenBlock]
}

// uvarintLen64 is the length of v written as a uvarint.
func uvarintLen64(v uint64) int {
	return (bits.Len64(v|1) + 6) / 7
}
