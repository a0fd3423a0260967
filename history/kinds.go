package history

import (
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// kind is what a stored entry keeps of its type: the index into typeNames
// and the details member. kinds gives both in one lookup.
type kind struct {
	typ    uint8
	member int16
}

var kinds = func() map[types.HistoryEventType]kind {
	out := make(map[types.HistoryEventType]kind, len(memberOf))
	for t, i := range memberOf {
		out[t] = kind{typ: uint8(typeIndex[t]), member: int16(i)}
	}
	return out
}()

// memberOfIndex gives the details member of each index into typeNames: an
// entry keeps only the type.
var memberOfIndex = func() (out [textFlag]int16) {
	if len(typeNames) > len(out) {
		panic("history: more event types than an entry can name")
	}
	for i, t := range typeNames {
		out[i] = int16(memberOf[t])
	}
	return out
}()

// byAddress finds a kind by the address of its type's bytes. The event
// types the interpreter passes are the SDK's constants, and the linker
// stores equal string constants once, so for them a lookup hashes a
// pointer instead of the string: every event appended asks for its kind.
// The table is built once and only read, so it is safe to share.
const addressBits = 8

var byAddress = func() (table [1 << addressBits]addressKind) {
	for t, k := range kinds {
		p := unsafe.StringData(string(t))
		for i := addressSlot(p); ; i = (i + 1) % len(table) {
			if table[i].p == nil {
				table[i] = addressKind{p: p, n: len(t), k: k}
				break
			}
		}
	}
	return table
}()

type addressKind struct {
	p *byte
	n int
	k kind
}

func addressSlot(p *byte) int {
	return int((uint64(uintptr(unsafe.Pointer(p))) * 0x9E3779B97F4A7C15) >> (64 - addressBits))
}

// kindOf returns typ's kind and whether typ is a known type.
func kindOf(typ types.HistoryEventType) (kind, bool) {
	p := unsafe.StringData(string(typ))
	for i := addressSlot(p); byAddress[i].p != nil; i = (i + 1) % len(byAddress) {
		if e := &byAddress[i]; e.p == p && e.n == len(typ) {
			return e.k, true
		}
	}
	k, ok := kinds[typ] // a type built at run time, such as one read back from JSON
	return k, ok
}

// emptyInterface is the layout of an interface value without methods: its
// type word and its data word.
type emptyInterface struct {
	typ, data unsafe.Pointer
}

func eface(p *any) *emptyInterface { return (*emptyInterface)(unsafe.Pointer(p)) }
