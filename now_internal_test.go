package sfnmem

import (
	"testing"
	"time"

	"github.com/sfnmem/sfnmem/clock"
)

// The engine's time is the clock's, in UTC, floored to the millisecond as
// Truncate floors it: before 1970 as after, and never rounded up.
func TestNowFloorsToTheMillisecond(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Time{
		time.Date(2024, 1, 2, 3, 4, 5, 999_999_999, time.UTC),
		time.Date(2024, 1, 2, 3, 4, 5, 1_000_000, time.FixedZone("x", 3600)),
		time.Date(1969, 12, 31, 23, 59, 59, 999_500_000, time.UTC),
		time.Date(1900, 6, 1, 0, 0, 0, 1, time.UTC),
		time.Date(2300, 6, 1, 0, 0, 0, 123_456_789, time.UTC),
	} {
		e := New(WithClock(clock.NewFake(at)))
		got, want := e.now(), at.UTC().Truncate(time.Millisecond)
		if !got.Equal(want) || got.Location() != time.UTC || got != want {
			t.Errorf("now() at %v = %v, want %v", at, got, want)
		}
	}
}
