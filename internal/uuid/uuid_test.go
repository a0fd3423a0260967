package uuid_test

import (
	"fmt"
	"testing"

	"github.com/sfnmem/sfnmem/internal/uuid"
)

// Format writes what fmt's %x of each group does, for every byte value in
// every position.
func TestFormat(t *testing.T) {
	t.Parallel()
	for i := range 256 {
		var b [16]byte
		for j := range b {
			b[j] = byte(i + 37*j)
		}
		want := fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
		if got := uuid.Format(b); got != want {
			t.Fatalf("Format(%v) = %q, want %q", b, got, want)
		}
	}
}

func ExampleFormat() {
	fmt.Println(uuid.Format([16]byte{0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x4d, 0xef, 0x80, 1, 2, 3, 4, 5, 6, 7}))
	// Output: 12345678-9abc-4def-8001-020304050607
}
