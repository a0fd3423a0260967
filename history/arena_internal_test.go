package history

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Every text reads back as stored, whatever its size, across chunk
// boundaries; a text longer than a chunk is refused, for the log to keep
// elsewhere; nothing stored later changes what was stored.
// An arena sized by a hint (any size up to a full chunk) does the same.
func TestArenaKeepsTexts(t *testing.T) {
	t.Parallel()
	for _, sized := range []uint32{0, 1, 63, 64, 100, 2164, maxTextHint} {
		t.Run(fmt.Sprintf("sized=%d", sized), func(t *testing.T) {
			t.Parallel()
			arenaKeepsTexts(t, arena{sized: sized})
		})
	}
}

func arenaKeepsTexts(t *testing.T, a arena) {
	var c textCache
	var texts []string
	var refs []textRef
	for i := range 400 {
		s := strings.Repeat(string(rune('a'+i%26)), (i*i)%3000)
		if i%50 == 0 {
			s = strings.Repeat("y", maxArenaText-i) // fills most of a full chunk
		}
		if i%97 == 0 {
			s = strings.Repeat("z", maxArenaText+1+i) // larger than any chunk
		}
		ref, ok := c.store(&a, s)
		if want := len(s) <= maxArenaText; ok != want {
			t.Fatalf("text %d (%d bytes): stored %v, want %v", i, len(s), ok, want)
		}
		if ok {
			texts = append(texts, s)
			refs = append(refs, ref)
		}
	}
	for i, ref := range refs {
		if got := a.text(ref); got != texts[i] {
			t.Fatalf("text %d: got %d bytes, want %d", i, len(got), len(texts[i]))
		}
	}
	for k, c := range a.chunks {
		if c != nil && uint32(len(c)) != a.chunkSize(k) {
			t.Errorf("chunk %d holds %d bytes, want %d", k, len(c), a.chunkSize(k))
		}
	}
}

// A position names its chunk and offset by arithmetic: each chunk's first
// and last bytes map to it, and the chunks lie back to back.
// So they do in an arena sized by a hint, whose first chunk is the hint's
// size and the next ones those of the usual geometry.
func TestChunkOf(t *testing.T) {
	t.Parallel()
	for _, sized := range []uint32{0, 1, 100, maxTextHint} {
		a := arena{sized: sized}
		start := uint32(0)
		for k := range 20 {
			size := a.chunkSize(k)
			switch {
			case sized == 0 && size != chunkSize(k), sized > 0 && k == 0 && size != sized, sized > 0 && k > 0 && size != chunkSize(k-1):
				t.Errorf("sized %d: chunk %d has %d bytes", sized, k, size)
			}
			if gk, off := a.chunkOf(start); gk != k || off != 0 {
				t.Errorf("sized %d: chunkOf(%d) = %d, %d; want chunk %d's start", sized, start, gk, off, k)
			}
			if gk, off := a.chunkOf(start + size - 1); gk != k || off != size-1 {
				t.Errorf("sized %d: chunkOf(%d) = %d, %d; want chunk %d's last byte", sized, start+size-1, gk, off, k)
			}
			start += size
		}
	}
}

// The same string stored twice in a row (an Exited event's output and the
// next Entered event's input) takes its bytes once; an equal string that is
// another one is stored again.
func TestArenaStoresRepeatOnce(t *testing.T) {
	t.Parallel()
	var a arena
	var c textCache
	s := strings.Repeat("x", 40)
	first, _ := c.store(&a, s)
	if again, _ := c.store(&a, s); again != first {
		t.Errorf("the same string again: %+v, want %+v", again, first)
	}
	other := strings.Clone(s)
	if ref, _ := c.store(&a, other); ref == first || a.text(ref) != s {
		t.Errorf("an equal copy: %+v (%q), want a new place holding the same text", ref, a.text(ref))
	}
	if ref, _ := c.store(&a, ""); a.text(ref) != "" {
		t.Errorf("empty text reads %q", a.text(ref))
	}
}

// A text found again is kept among the recent ones: a run of Task states
// stores a new name at every state and finds the same result text again
// each time, which must be stored once, not once every few states.
func TestArenaKeepsATextInUse(t *testing.T) {
	t.Parallel()
	var a arena
	var c textCache
	result := `{"ok":true}`
	first, _ := c.store(&a, result)
	for i := range 50 {
		c.store(&a, fmt.Sprintf("T%02d", i)) // a new state's name
		if ref, _ := c.store(&a, result); ref != first {
			t.Fatalf("after %d names, the result was stored again at %d (first at %d)", i+1, ref, first)
		}
	}
}

// An arena that has reached maxArena refuses texts rather than wrapping.
func TestArenaRefusesPastItsEnd(t *testing.T) {
	t.Parallel()
	a := arena{end: maxArena - 10}
	var c textCache
	if _, ok := c.store(&a, strings.Repeat("x", 20)); ok {
		t.Error("a text past maxArena was stored")
	}
	if ref, ok := c.store(&a, "short"); !ok || a.text(ref) != "short" {
		t.Errorf("a text that fits: ok %v, reads %q", ok, a.text(ref))
	}
}

// An entry stays 8 bytes and pointer-free: BENCHMARKS.md reports the
// bytes a stored event costs, and the garbage collector must never scan a
// chunk of entries.
func TestEntryIsSmallAndFlat(t *testing.T) {
	t.Parallel()
	if size := unsafe.Sizeof(entry{}); size != 8 {
		t.Errorf("entry is %d bytes, want 8", size)
	}
}

// Every aux an event may have reads back as it was, whether its entry
// holds it (small refs and texts, names' indexes) or the log keeps it
// apart (large ones, a name's "" as emptyText, the escape value itself).
func TestAuxReadsBack(t *testing.T) {
	t.Parallel()
	l := NewLog(0)
	for i, aux := range []uint32{0, 1, 7, packedName - 1, packedName, packedName + 3, 1<<24 - 1, 1 << 24, 1<<31 - 1,
		uint32(refText) | 5, nameTag, nameTag | 1, nameTag | (auxEscape - packedName - 1), nameTag | (auxEscape - packedName),
		nameTag | 1<<29, uint32(emptyText)} {
		var en entry
		en.word = l.packAux(i, aux) << 8
		if got := l.auxOf(i, &en); got != aux {
			t.Errorf("aux %#x reads back %#x", aux, got)
		}
	}
}

// Every previousEventId reads back, whether the event links to the one
// before it (the entry says so) or not (the log lists it apart), in any
// order of reading: a history of branches whose events interleave.
func TestLinksReadBack(t *testing.T) {
	t.Parallel()
	l := NewLog(0)
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	var want []int64
	for i := range 3000 {
		prev := int64(i) // the event before
		switch {
		case i%7 == 3:
			prev = 0
		case i%5 == 1 && i > 10:
			prev = int64(i - 1 - i%9)
		}
		if _, err := l.Append(types.HistoryEventTypeParallelStateStarted, prev, at, nil); err != nil {
			t.Fatal(err)
		}
		want = append(want, prev)
	}
	for _, i := range []int{2999, 0, 1500, 3, 4, 2998, 11, 16, 17, 1234} {
		if got := l.event(i).PreviousEventId; got != want[i] {
			t.Errorf("event %d links to %d, want %d", i+1, got, want[i])
		}
	}
	for i := range want {
		if got := l.event(i).PreviousEventId; got != want[i] {
			t.Fatalf("event %d links to %d, want %d", i+1, got, want[i])
		}
	}
}

// A Log stays at most 320 bytes: an engine keeps a log for every
// execution, and each byte of it costs twice that in fresh memory, at
// about 6.5 µs a page on this machine. (Past 512 bytes the garbage
// collector would also mark logs one by one instead of a span at a time:
// crossing that made ListExecutions over 100,000 retained executions
// 14-20% slower.)
func TestLogStaysSmall(t *testing.T) {
	t.Parallel()
	if size := unsafe.Sizeof(Log{}); size > 320 {
		t.Errorf("Log is %d bytes, want at most 320", size)
	}
}

// A log whose state events bring their *Name from a table stores no name:
// its arena holds only the events' data, the same text over and over here,
// so a few bytes however many states it enters.
func TestNamesAreNotStored(t *testing.T) {
	t.Parallel()
	names := make([]string, 500)
	for i := range names {
		names[i] = fmt.Sprintf("State %d", i)
	}
	tbl := NewNames(names)
	l := NewLog(0)
	const data = `{"k":"v"}`
	for i := range names {
		if _, err := l.AppendText(types.HistoryEventTypePassStateEntered, int64(l.Len()), time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), tbl.At(i), data); err != nil {
			t.Fatal(err)
		}
	}
	if l.texts.end > uint32(len(data)+1) {
		t.Errorf("the arena holds %d bytes after 500 states, want only their data (%d)", l.texts.end, len(data)+1)
	}
	for i := range names {
		if got := l.event(i).StateEnteredEventDetails.Name; got == nil || *got != names[i] {
			t.Fatalf("event %d names %v, want %q", i+1, got, names[i])
		}
	}
}

// Keep stores a text from a buffer its caller fills again and again: the
// string it returns is the log's copy, which AppendText then takes without
// copying it again; the next text in the same buffer is another text; the
// same bytes kept twice in a row are kept once; a text too long for the
// arena comes back as a string of its own.
func TestKeepFromAReusedBuffer(t *testing.T) {
	t.Parallel()
	l := NewLog(0)
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	buf := make([]byte, 0, 64)
	var kept []string
	for i, text := range []string{`{"a":1}`, `{"a":2}`, `{"a":2}`, `{"b":[1,2,3]}`, ``, `{"a":1}`} {
		buf = append(buf[:0], text...)
		s := l.Keep(buf)
		if _, err := l.AppendText(types.HistoryEventTypePassStateExited, int64(l.Len()), at, &text, s); err != nil {
			t.Fatal(err)
		}
		if s != text {
			t.Fatalf("text %d: Keep returned %q, want %q", i, s, text)
		}
		kept = append(kept, s)
	}
	if unsafe.StringData(kept[1]) != unsafe.StringData(kept[2]) {
		t.Error("the same bytes kept twice in a row were stored twice")
	}
	if unsafe.StringData(kept[0]) == unsafe.StringData(kept[5]) {
		t.Error("a text kept again after others was found by the buffer's address")
	}
	for i, want := range []string{`{"a":1}`, `{"a":2}`, `{"a":2}`, `{"b":[1,2,3]}`, ``, `{"a":1}`} {
		ev := l.event(i)
		if got := *ev.StateExitedEventDetails.Output; got != want {
			t.Errorf("event %d reads %q, want %q", i+1, got, want)
		}
	}
	long := make([]byte, maxArenaText+10)
	for i := range long {
		long[i] = 'x'
	}
	s := l.Keep(long)
	long[0] = 'y' // the caller's buffer, written again
	if len(s) != maxArenaText+10 || s[0] != 'x' {
		t.Errorf("a long kept text changed with its buffer: %q...", s[:4])
	}
}

// Appending a kept text stores nothing more: its bytes are the log's.
func TestAppendingAKeptTextCopiesNothing(t *testing.T) {
	t.Parallel()
	l := NewLog(0)
	tbl := NewNames([]string{"S"})
	at := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	buf := []byte(`{"step":1,"k":"v"}`)
	s := l.Keep(buf)
	end := l.texts.end
	for range 3 {
		if _, err := l.AppendText(types.HistoryEventTypePassStateExited, int64(l.Len()), at, tbl.At(0), s); err != nil {
			t.Fatal(err)
		}
	}
	if l.texts.end != end {
		t.Errorf("appending the kept text three times stored %d more bytes, want none", l.texts.end-end)
	}
}
