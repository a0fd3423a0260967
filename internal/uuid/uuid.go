// Package uuid writes 16 bytes in the canonical 8-4-4-4-12 form of a UUID.
// The engine names executions by random version-4 UUIDs, derives Lambda
// request ids from task tokens, and labels Map Runs by version-5 ones;
// each sets its own version and variant bits and formats them here.
package uuid

import "encoding/hex"

// Format returns b as lower-case hex in the 8-4-4-4-12 form, in one
// allocation (fmt takes six).
func Format(b [16]byte) string {
	var out [Len]byte
	Put(&out, b)
	return string(out[:])
}

// Len is the length of a formatted UUID.
const Len = 36

// Put writes b into out in Format's form, for a caller that builds a
// longer string around it (an execution ARN) without a string of its own.
func Put(out *[Len]byte, b [16]byte) {
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], b[10:16])
}
