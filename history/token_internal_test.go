package history

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// TestDecodeTokenWellSigned covers tokens whose checksum is right but whose
// content is not one Page issues.
func TestDecodeTokenWellSigned(t *testing.T) {
	t.Parallel()
	l := NewLog(0)
	for range 5 {
		if _, err := l.Append(types.HistoryEventTypeParallelStateStarted, 0, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), nil); err != nil {
			t.Fatal(err)
		}
	}
	signed := func(body ...byte) string {
		return base64.RawURLEncoding.EncodeToString(binary.BigEndian.AppendUint64(body, l.checksum(body)))
	}
	tests := []struct {
		name    string
		token   string
		reverse bool
		want    int64 // 0 for ErrInvalidToken
	}{
		{"issued forward", l.encodeToken(3, false), false, 3},
		{"issued reverse", l.encodeToken(5, true), true, 5},
		{"id 0", l.encodeToken(0, false), false, 0},
		{"id past the end", l.encodeToken(6, false), false, 0},
		{"id past the end reverse", l.encodeToken(6, true), true, 0},
		{"version 2", signed(2, 0, 3), false, 0},
		{"unknown flag", signed(tokenVersion, 2, 3), false, 0},
		{"truncated varint", signed(tokenVersion, 0, 0x80), false, 0},
		{"bytes after the id", signed(tokenVersion, 0, 3, 0), false, 0},
	}
	for _, tt := range tests {
		got, err := l.decodeToken(tt.token, tt.reverse)
		if tt.want == 0 {
			if !errors.Is(err, ErrInvalidToken) {
				t.Errorf("%s: decodeToken() = %d, %v; want ErrInvalidToken", tt.name, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: decodeToken() = %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}
