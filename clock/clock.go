// Package clock is the time source of an sfnmem engine: the real clock, or a
// fake one that tests move by hand.
//
// The engine never reads the time or sleeps any other way, which is what makes
// its histories deterministic under [Fake].
package clock

import "time"

// Clock tells the time and schedules callbacks.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc calls f once d has passed, as time.AfterFunc does.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a scheduled callback.
type Timer interface {
	// Stop prevents the callback from running. It reports whether it did so;
	// false means the callback already ran or was already stopped.
	Stop() bool
}

// Real returns the wall clock, backed by package time.
func Real() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) AfterFunc(d time.Duration, f func()) Timer { return time.AfterFunc(d, f) }
