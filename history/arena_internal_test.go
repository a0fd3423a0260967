package history

import (
	"strings"
	"testing"
	"unsafe"
)

// Every text reads back as stored, whatever its size, across chunk
// boundaries and past the largest chunk; nothing stored later changes it.
func TestArenaKeepsTexts(t *testing.T) {
	t.Parallel()
	var a arena
	var texts []string
	var refs []textRef
	for i := range 400 {
		s := strings.Repeat(string(rune('a'+i%26)), (i*i)%3000)
		if i%97 == 0 {
			s = strings.Repeat("z", maxTextChunk+i) // larger than any chunk
		}
		texts = append(texts, s)
		refs = append(refs, a.store(s))
	}
	for i, ref := range refs {
		if got := a.text(ref); got != texts[i] {
			t.Fatalf("text %d: got %d bytes, want %d", i, len(got), len(texts[i]))
		}
	}
	for k, c := range a.chunks {
		if cap(c) <= maxTextChunk {
			continue
		}
		first := a.text(textRef{chunk: uint32(k)})
		if end := int(uintptr(unsafe.Pointer(unsafe.StringData(first)))-uintptr(unsafe.Pointer(&c[0]))) + len(first); end != len(c) {
			t.Errorf("chunk %d: an oversized chunk holds %d bytes, its first text ends at %d: want exactly one text", k, len(c), end)
		}
	}
}

// The same string stored twice in a row (an Exited event's output and the
// next Entered event's input) takes its bytes once; an equal string that is
// another one is stored again.
func TestArenaStoresRepeatOnce(t *testing.T) {
	t.Parallel()
	var a arena
	s := strings.Repeat("x", 40)
	first := a.store(s)
	if again := a.store(s); again != first {
		t.Errorf("the same string again: %+v, want %+v", again, first)
	}
	other := strings.Clone(s)
	if ref := a.store(other); ref == first || a.text(ref) != s {
		t.Errorf("an equal copy: %+v (%q), want a new place holding the same text", ref, a.text(ref))
	}
	if ref := a.store(""); a.text(ref) != "" {
		t.Errorf("empty text reads %q", a.text(ref))
	}
}

// An entry stays 32 bytes and pointer-free: BENCHMARKS.md reports the
// bytes a stored event costs, and the garbage collector must never scan a
// chunk of entries.
func TestEntryIsSmallAndFlat(t *testing.T) {
	t.Parallel()
	if size := unsafe.Sizeof(entry{}); size != 32 {
		t.Errorf("entry is %d bytes, want 32", size)
	}
}
