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
//     the next Entered event's input); a state's name index as its
//     difference to the last one's (entryCodes): a state's event whose
//     text is the last takes two bytes;
//   - for an entry with another text, the difference of their places, a
//     zigzag uvarint, small for texts stored one after the other.
//
// An entry whose word is that of an entry up to 8 before it in its block,
// and whose text (if it has one) is the last, packs into one byte instead
// (repeatType): a Task's Scheduled, Started and Succeeded events repeat the
// previous Task's, so a 50-Task history packs into 1.5 bytes an event.
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

// entryCodes returns how en is packed after the text last and the state
// name index name: its aux code and d, the zigzag difference of its text to
// last (0 for the same text or none), and the text the next entry is
// packed after. A state's name (packedName: bit 31 of the word) is coded
// as the zigzag difference of its index to name's, most often 0 (an Exited
// event names the state its Entered event named) or 1 (the next state is
// the next in the definition), so that it takes a byte whatever the index.
func entryCodes(en entry, last textRef, name uint32) (code, d uint64, next textRef) {
	w := en.word
	if w>>31 != 0 {
		diff := int64(w>>8&(packedName-1)) - int64(name)
		code = (uint64(diff<<1)^uint64(diff>>63))<<2 | 1<<1
	} else {
		code = uint64(w>>8&(packedName-1)) << 2
	}
	if w&textFlag != 0 {
		if en.text == last {
			return code | 1, 0, last
		}
		diff := int64(en.text) - int64(last)
		return code, uint64(diff<<1) ^ uint64(diff>>63), en.text
	}
	return code, 0, last
}

// nameIndex returns the state name index an entry's word holds, and
// whether it holds one (packedName).
func nameIndex(w uint32) (uint32, bool) { return w >> 8 & (packedName - 1), w>>31 != 0 }

// The one-byte repeats: a first byte whose type bits (no event type's
// index reaches repeatType: typeNames has 62) are repeatType or the one
// after it repeats the entry d back in its block, d-1 being the type bits'
// excess over repeatType and the byte's two high bits.
const (
	repeatType = 62
	maxRepeat  = 8
)

var _ = func() int {
	if len(typeNames) > repeatType {
		panic("history: an event type's index reaches the packed repeats'")
	}
	return 0
}()

// window is the last entries of the block being packed, for repeats, and
// the state name index an entry's name is coded against (entryCodes).
type window struct {
	ring [maxRepeat]entry
	j    int    // the next entry's index in its block
	name uint32 // the name index of the block's last entry that names a state; 0 before one
}

// next returns d > 0 when en repeats the entry d back in its block (its
// word, and for an entry with a text the text last), else 0, and the name
// index en's is coded against; and moves on.
func (w *window) next(en entry, last textRef) (d int, name uint32) {
	if w.j == 0 {
		w.name = 0 // a block is read alone
	}
	name = w.name
	if i, ok := nameIndex(en.word); ok {
		w.name = i
	}
	if en.word&textFlag == 0 || en.text == last {
		for k := 1; k <= min(w.j, maxRepeat); k++ {
			if w.ring[(w.j-k)&(maxRepeat-1)].word == en.word {
				d = k
				break
			}
		}
	}
	w.ring[w.j&(maxRepeat-1)] = en
	if w.j++; w.j == frozenBlock {
		w.j = 0
	}
	return d, name
}

// repeatByte is the first and only byte of an entry that repeats the one d
// back.
func repeatByte(d int) byte { return byte(repeatType+(d-1)>>2) | byte((d-1)&3)<<6 }

// packedSize returns the bytes the log packs into, heads of them its
// blocks' table.
func (l *Log) packedSize(heads int) int {
	size, last, n := heads, textRef(0), l.n
	var w window
	for _, c := range l.chunks {
		c = c[:min(len(c), n)]
		n -= len(c)
		for _, en := range c {
			r, name := w.next(en, last)
			if r > 0 {
				size++
				continue
			}
			code, d, next := entryCodes(en, last, name)
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
	var w window
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
			r, name := w.next(en, last)
			if r > 0 {
				b[o] = repeatByte(r)
				o++
				continue
			}
			code, d, next := entryCodes(en, last, name)
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
	off, last, name := int(h.off), h.text, uint32(0)
	n := min(frozenBlock, l.n-k*frozenBlock)
	for i := range n {
		w := uint32(b[off])
		off++
		if t := w & (textFlag - 1); t >= repeatType {
			en := buf[i-(int(t-repeatType)<<2|int(w>>6))-1]
			if en.hasText() {
				en.text = last
			}
			if j, ok := nameIndex(en.word); ok {
				name = j
			}
			buf[i] = en
			continue
		}
		code, m := binary.Uvarint(b[off:])
		off += m
		aux := uint32(code >> 2)
		if code>>1&1 != 0 { // a name, against the last
			aux = uint32(int64(name)+(int64(code>>3)^-int64(code>>2&1))) | packedName
			name = aux &^ packedName
		}
		w |= aux << 8
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
