package sfnmem

// byteBlock hands out room for small byte strings from shared blocks, so
// that the copies the engine makes for every task (its token, the input
// its handler receives) cost one allocation for dozens, not one each.
// Guarded by e.mu.
//
// Room once handed out is never handed out again, and each piece is capped
// at its own length: a handler that appends to its input gets a new array,
// and one that writes into it changes nothing but its own copy. A piece
// keeps its block alive, at most blockSize bytes, for as long as it lives.
type byteBlock struct {
	buf []byte
}

const (
	blockSize     = 4 << 10
	maxBlockPiece = 512 // larger pieces get an array of their own
)

// take returns an empty slice with room for exactly n bytes.
func (b *byteBlock) take(n int) []byte {
	if n > maxBlockPiece {
		return make([]byte, 0, n)
	}
	if cap(b.buf)-len(b.buf) < n {
		b.buf = make([]byte, 0, blockSize)
	}
	start := len(b.buf)
	b.buf = b.buf[:start+n]
	return b.buf[start : start : start+n]
}

// copyString returns a copy of s in a piece of its own.
func (b *byteBlock) copyString(s string) []byte {
	return append(b.take(len(s)), s...)
}
