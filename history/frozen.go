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
// written, and an engine keeps thousands. An entry packs into 1 to 4
// bytes where it took 8 (pack):
//
//   - its word's low byte: the type and the text and chain flags;
//   - its aux (the 24 bits its word keeps) as a uvarint, packedName moved
//     to bit 1 and, in bit 0, whether the entry has the same text as the
//     entry with a text before it (an Exited event's output, most often,
//     is the next Entered event's input); a state's name index as its
//     difference to the last one's, most often 0 or 1: a state's event
//     whose text is the last takes two bytes;
//   - for an entry with another text, the difference of their places, a
//     zigzag uvarint, small for texts stored one after the other.
//
// An entry whose word is that of the last entry of its type in its block,
// up to 8 before it, and whose text (if it has one) is the last, packs
// into one byte instead (repeatType): a Task's Scheduled, Started and
// Succeeded events repeat the previous Task's, so a 50-Task history packs
// into 1.6 bytes an event.
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
		words = make([]entry, (l.pack(nil, heads)+7)/8)
		l.pack(entryBytes(words), heads)
	}
	// The packed words take the place of the chunks, which are dropped:
	// firstChunk[0] is read as packed bytes (packed), never as entries, once
	// frozen is set, and no append reaches slot or reserve again (nor
	// needs a writer).
	l.frozen = true
	l.chunks, l.first, l.w = nil, 0, nil
	l.firstChunk[0] = words
}

// entryBytes returns the bytes of w.
func entryBytes(w []entry) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), len(w)*8)
}

// nameIndex returns the state name index an entry's word holds, and
// whether it holds one (packedName: bit 31 of the word).
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

// window is what packing keeps of the block it is in: for each type, the
// word of the block's last entry of that type and 1 + its index (0: none
// yet). An entry is tried as the repeat of that one only, the likeliest
// (a Task's Scheduled event repeats the last Scheduled event).
type window struct {
	word [1 << 6]uint32
	at   [1 << 6]uint8
}

// pack writes the log's entries packed into b, after the blocks' table of
// heads bytes, and returns the bytes written; with b nil it writes nothing
// and returns the bytes it would write. One loop, its steps inline: it
// runs for every entry of every history frozen.
func (l *Log) pack(b []byte, heads int) int {
	write := b != nil
	o, last, n := heads, textRef(0), l.n
	var w window
	j, block, name := 0, 0, uint32(0) // name: the block's last state name index, which a name is coded against
	for _, c := range l.chunks {
		c = c[:min(len(c), n)]
		n -= len(c)
		for _, en := range c {
			if j == 0 { // a block starts, to be read alone
				if write {
					h := (*blockHead)(unsafe.Pointer(&b[block*blockHeadSize]))
					h.off, h.text = uint32(o), last
				}
				w, name = window{}, 0
			}
			word, t := en.word, en.word&(textFlag-1)
			if a := int(w.at[t]); a != 0 && j+1-a <= maxRepeat && w.word[t] == word && (word&textFlag == 0 || en.text == last) {
				if write {
					b[o] = byte(repeatType+(j-a)>>2) | byte((j-a)&3)<<6 // d-1 = j-a
				}
				o++
			} else {
				// The aux code: a state's name as the zigzag difference
				// of its index to the last one's, anything else as it is;
				// packedName in bit 1, "the same text as the last" in bit 0.
				var code uint64
				if i, ok := nameIndex(word); ok {
					diff := int64(i) - int64(name)
					code = (uint64(diff<<1)^uint64(diff>>63))<<2 | 1<<1
				} else {
					code = uint64(word>>8) << 2
				}
				var d uint64 // the zigzag difference of another text to the last; 0 for none
				if word&textFlag != 0 {
					if en.text == last {
						code |= 1
					} else {
						diff := int64(en.text) - int64(last)
						d, last = uint64(diff<<1)^uint64(diff>>63), en.text
					}
				}
				if write {
					b[o] = byte(word)
					o = putUvarint(b, o+1, code)
					if d != 0 {
						o = putUvarint(b, o, d)
					}
				} else {
					o += 1 + uvarintLen64(code)
					if d != 0 {
						o += uvarintLen64(d)
					}
				}
			}
			w.word[t], w.at[t] = word, uint8(j+1)
			if i, ok := nameIndex(word); ok {
				name = i
			}
			if j++; j == frozenBlock {
				j, block = 0, block+1
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
