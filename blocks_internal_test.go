package sfnmem

import (
	"bytes"
	"testing"
)

// Pieces never overlap: filling one to its capacity, or appending past it,
// leaves its neighbours as they were; a large piece has an array of its own.
func TestByteBlockPiecesStayApart(t *testing.T) {
	t.Parallel()
	var b byteBlock
	var pieces [][]byte
	for i := range 300 {
		p := b.copyString(string(rune('a' + i%26)))
		if cap(p) != len(p) {
			t.Fatalf("piece %d: cap %d, len %d; want a piece capped at its length", i, cap(p), len(p))
		}
		pieces = append(pieces, p)
	}
	for i, p := range pieces {
		_ = append(p, "overflow"...) // must reallocate, not write into the next piece
		p[0] = 'Z'
		if i > 0 && pieces[i-1][0] != 'Z' {
			t.Fatalf("piece %d changed under piece %d", i-1, i)
		}
		if i+1 < len(pieces) && pieces[i+1][0] != byte('a'+(i+1)%26) {
			t.Fatalf("piece %d changed by a write to piece %d", i+1, i)
		}
	}
	big := b.copyString(string(bytes.Repeat([]byte("x"), maxBlockPiece+1)))
	small := b.copyString("y")
	if &big[0] == &b.buf[0] || len(b.buf) == 0 || small[0] != 'y' {
		t.Errorf("a large piece came from the block")
	}
}
