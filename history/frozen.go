package history

import (
	"encoding/binary"
	"errors"
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
	if l.n == 0 {
		l.frozen, l.chunks, l.room, l.first = true, nil, 0, 0
		l.firstChunk[0] = nil
		return
	}
	heads := (l.n + frozenBlock - 1) / frozenBlock
	size := heads * blockHeadSize
	last := textRef(0)
	for i := range l.n { // measured first: the packed bytes are allocated once, exactly
		size += packedLen(l.at(i), &last)
	}
	words := make([]entry, (size+7)/8) // entries hold no pointer: the packed bytes need no scanning either
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(words))), len(words)*8)
	off := heads * blockHeadSize
	last = 0
	for i := range l.n {
		if i%frozenBlock == 0 {
			h := (*blockHead)(unsafe.Pointer(&b[i/frozenBlock*blockHeadSize]))
			h.off, h.text = uint32(off), last
		}
		off = packEntry(b, off, l.at(i), &last)
	}
	// The packed words take the place of the chunks, which are dropped:
	// firstChunk[0] is read as packed bytes (packed), never as entries, once
	// frozen is set, and no append reaches slot or reserve again.
	l.frozen = true
	l.chunks, l.room, l.first = nil, 0, 0
	l.firstChunk[0] = words
}

// packed returns the packed bytes of a frozen log.
func (l *Log) packed() []byte {
	w := l.firstChunk[0]
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), len(w)*8)
}

// auxCode is an entry's aux as it is packed, with same: the entry has the
// text before it.
func auxCode(word uint32, same bool) uint64 {
	a := word >> 8
	c := uint64(a&^packedName)<<2 | uint64(a>>23&1)<<1
	if same {
		c |= 1
	}
	return c
}

// sameText reports whether en has a text, the text last.
func sameText(en *entry, last textRef) bool { return en.hasText() && en.text == last }

// textCode is where text is against last, as it is packed.
func textCode(text, last textRef) uint64 {
	d := int64(text) - int64(last)
	return uint64(d<<1) ^ uint64(d>>63) // zigzag
}

// packedLen returns the bytes en packs into, after the text last, and
// moves last to en's text if it has one.
func packedLen(en *entry, last *textRef) int {
	same := sameText(en, *last)
	n := 1 + uvarintLen64(auxCode(en.word, same))
	if en.hasText() && !same {
		n += uvarintLen64(textCode(en.text, *last))
		*last = en.text
	}
	return n
}

// packEntry packs en into b at off, after the text last, and returns the
// offset after it.
func packEntry(b []byte, off int, en *entry, last *textRef) int {
	same := sameText(en, *last)
	b[off] = byte(en.word)
	off++
	off += binary.PutUvarint(b[off:], auxCode(en.word, same))
	if en.hasText() && !same {
		off += binary.PutUvarint(b[off:], textCode(en.text, *last))
		*last = en.text
	}
	return off
}

func uvarintLen64(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
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
