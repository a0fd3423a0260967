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
// Succeeded events repeat the previous Task's. And a run of entries whose
// codes repeat the codes of the entries a period before them packs into
// three bytes (copyCode): a 50-Task history packs into 0.4 bytes an event.
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
	// A history of a few hundred events is packed on the stack, block by
	// block, and copied once into memory of exactly its size; a longer one
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
// and returns the bytes it would write. Each block is coded entry by entry
// (codeBlock), then written with its repeated runs copied (writeBlock).
func (l *Log) pack(b []byte, heads int) int {
	o, last := heads, textRef(0)
	var ents [frozenBlock]entry
	var codes [frozenBlock]code
	m, block, n := 0, 0, l.n
	for _, c := range l.chunks { // read in order, a chunk at a time: Log.at costs as much as the coding
		c = c[:min(len(c), n)]
		n -= len(c)
		for len(c) > 0 {
			k := copy(ents[m:], c)
			c, m = c[k:], m+k
			if m < frozenBlock && n+len(c) > 0 {
				continue
			}
			if b != nil { // a block starts, to be read alone
				h := (*blockHead)(unsafe.Pointer(&b[block*blockHeadSize]))
				h.off, h.text = uint32(o), last
			}
			last = codeBlock(ents[:m], last, &codes)
			o = writeBlock(b, o, codes[:m])
			m, block = 0, block+1
		}
	}
	return o
}

// code is an entry's packed bytes as codeBlock writes them, at most
// maxPacked of them, the rest zero: two codes are the same when their
// structs are equal.
type code struct {
	b [16]byte
	n uint8
}

// codeBlock writes the code of each entry of a block into codes, the
// first text of the block read against last, and returns the block's last
// text. One loop, its steps inline: it runs for every entry of every
// history frozen.
func codeBlock(ents []entry, last textRef, codes *[frozenBlock]code) textRef {
	var w window
	name := uint32(0) // the block's last state name index, which a name is coded against
	for j, en := range ents {
		c := &codes[j]
		*c = code{}
		word, t := en.word, en.word&(textFlag-1)
		if a := int(w.at[t]); a != 0 && j+1-a <= maxRepeat && w.word[t] == word && (word&textFlag == 0 || en.text == last) {
			c.b[0], c.n = byte(repeatType+(j-a)>>2)|byte((j-a)&3)<<6, 1 // d-1 = j-a
		} else {
			// The aux code: a state's name as the zigzag difference of
			// its index to the last one's, anything else as it is;
			// packedName in bit 1, "the same text as the last" in bit 0.
			var aux uint64
			if i, ok := nameIndex(word); ok {
				diff := int64(i) - int64(name)
				aux = (uint64(diff<<1)^uint64(diff>>63))<<2 | 1<<1
			} else {
				aux = uint64(word>>8) << 2
			}
			var d uint64 // the zigzag difference of another text to the last; 0 for none
			if word&textFlag != 0 {
				if en.text == last {
					aux |= 1
				} else {
					diff := int64(en.text) - int64(last)
					d, last = uint64(diff<<1)^uint64(diff>>63), en.text
				}
			}
			c.b[0] = byte(word)
			o := putUvarint(c.b[:], 1, aux)
			if d != 0 {
				o = putUvarint(c.b[:], o, d)
			}
			c.n = uint8(o)
		}
		w.word[t], w.at[t] = word, uint8(j+1)
		if i, ok := nameIndex(word); ok {
			name = i
		}
	}
	return last
}

// A run of entries whose codes are those of the entries period before
// them, each in turn, packs into three bytes: copyCode, period-1 and the
// run's length less one. A loop's or a Map's iterations, or a line of
// Task states, write the same codes again and again (a name's code is its
// difference to the last one's, a text's to the last text's): a 50-Task
// history's blocks are their first Task's codes and one copy each.
//
// The first byte is one no entry's can be: a type without details with
// the text flag (only AppendText sets it, and only for types with details).
var copyCode = func() byte {
	for i := range typeNames {
		if memberOfIndex[i] == noDetails {
			return byte(i) | textFlag
		}
	}
	panic("history: no event type without details, for the packed copies")
}()

// writeBlock writes a block's codes into b at o (with b nil, only counts
// them), each run that repeats codes before it as a copy, and returns the
// offset after them. A run is looked for where the same code was seen
// before, at its latest places (by a hash of the code, a chain of up to
// maxTries, as deflate does), and the one that saves the most taken.
func writeBlock(b []byte, o int, codes []code) int {
	var s seen
	for j := 0; j < len(codes); {
		if period, r := s.runAt(codes, j); r > 0 {
			if b != nil {
				b[o], b[o+1], b[o+2] = copyCode, byte(period-1), byte(r-1)
			}
			o, j = o+3, j+r
			continue
		}
		c := &codes[j]
		if b != nil {
			copy(b[o:], c.b[:c.n])
		}
		o, j = o+int(c.n), j+1
	}
	return o
}

// seen finds the earlier entries of a block whose code hashes like an
// entry's: head gives 1 + the index of the latest, and prev, for each
// entry, 1 + the index of the one before it (0: none).
type seen struct {
	head [64]uint8
	prev [frozenBlock]uint8
}

// maxTries bounds the earlier places a run is looked for at: a Task's
// Entered event is most often the same code as the previous state's, a
// few entries back, where the run that repeats a whole iteration starts
// further.
const maxTries = 8

// add records that entry j has code c.
func (s *seen) add(c *code, j int) {
	h := codeHash(c)
	s.prev[j], s.head[h] = s.head[h], uint8(j+1)
}

// runAt returns the period and length of the longest run of codes from j
// that repeats the codes period before them, or 0, 0 when none worth a
// copy (more than its three bytes) starts there, and records the entries
// it passes.
func (s *seen) runAt(codes []code, j int) (period, r int) {
	best := 0
	for a, tries := int(s.head[codeHash(&codes[j])]), 0; a != 0 && tries < maxTries; a, tries = int(s.prev[a-1]), tries+1 {
		p := j + 1 - a
		n, size := 0, 0
		for j+n < len(codes) && codes[j+n] == codes[j+n-p] {
			size += int(codes[j+n].n)
			n++
		}
		if size > best {
			best, period, r = size, p, n
		}
	}
	if best <= 3 {
		period, r = 0, 1
	}
	for i := max(j, j+r-maxTries); i < j+r; i++ { // a run's last entries only: a later run is found from them or before
		s.add(&codes[i], i)
	}
	if period == 0 {
		return 0, 0
	}
	return period, r
}

// codeHash hashes a code's first 8 bytes into 6 bits.
func codeHash(c *code) uint8 {
	return uint8(binary.LittleEndian.Uint64(c.b[:8]) * 0x9e3779b97f4a7c15 >> 58)
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
	d := decoder{b: b, buf: buf, last: h.text}
	off := int(h.off)
	n := min(frozenBlock, l.n-k*frozenBlock)
	var at [frozenBlock]uint32 // where each entry's code is
	for i := 0; i < n; {
		if b[off] == copyCode {
			period, r := int(b[off+1])+1, int(b[off+2])+1
			off += 3
			for range r {
				at[i] = at[i-period]
				d.decode(int(at[i]), i)
				i++
			}
			continue
		}
		at[i] = uint32(off)
		off = d.decode(off, i)
		i++
	}
	return n
}

// decoder decodes a block's codes (see codeBlock) into its entries.
type decoder struct {
	b    []byte
	buf  *[frozenBlock]entry
	last textRef // the last text
	name uint32  // the last state name index
}

// decode decodes the code at off into entry i, and returns the offset
// after it.
func (d *decoder) decode(off, i int) int {
	b := d.b
	w := uint32(b[off])
	off++
	if t := w & (textFlag - 1); t >= repeatType {
		en := d.buf[i-(int(t-repeatType)<<2|int(w>>6))-1]
		if en.hasText() {
			en.text = d.last
		}
		if j, ok := nameIndex(en.word); ok {
			d.name = j
		}
		d.buf[i] = en
		return off
	}
	aux, m := binary.Uvarint(b[off:])
	off += m
	a := uint32(aux >> 2)
	if aux>>1&1 != 0 { // a name, against the last
		a = uint32(int64(d.name)+(int64(aux>>3)^-int64(aux>>2&1))) | packedName
		d.name = a &^ packedName
	}
	en := entry{word: w | a<<8}
	switch {
	case !en.hasText():
	case aux&1 != 0:
		en.text = d.last
	default:
		t, m := binary.Uvarint(b[off:])
		off += m
		d.last = textRef(int64(d.last) + (int64(t>>1) ^ -int64(t&1))) // zigzag
		en.text = d.last
	}
	d.buf[i] = en
	return off
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
