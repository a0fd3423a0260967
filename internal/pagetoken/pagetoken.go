// Package pagetoken makes the opaque nextToken values of the engine's list
// operations. A token records which listing it belongs to and where the next
// page starts, and carries a checksum so that a token that was not issued for
// the same listing is refused (InvalidToken) instead of misread.
package pagetoken

import (
	"encoding/base64"
	"errors"
	"hash/crc32"
	"strconv"
	"strings"
)

// ErrInvalid is returned by Decode for a token it cannot have issued for scope.
var ErrInvalid = errors.New("pagetoken: invalid token")

// Encode returns the token for position pos of the listing named scope (for
// example the operation name and its filters).
func Encode(scope string, pos int64) string {
	body := strconv.FormatInt(pos, 10)
	sum := crc32.ChecksumIEEE([]byte(scope + "\x00" + body))
	return base64.RawURLEncoding.EncodeToString([]byte("v1." + body + "." + strconv.FormatUint(uint64(sum), 36)))
}

// Decode returns the position a token issued by Encode for scope holds.
func Decode(scope, token string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, ErrInvalid
	}
	parts := strings.Split(string(raw), ".")
	if len(parts) != 3 || parts[0] != "v1" {
		return 0, ErrInvalid
	}
	pos, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || pos < 0 {
		return 0, ErrInvalid
	}
	sum := crc32.ChecksumIEEE([]byte(scope + "\x00" + parts[1]))
	if parts[2] != strconv.FormatUint(uint64(sum), 36) {
		return 0, ErrInvalid
	}
	return pos, nil
}
