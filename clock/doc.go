// Package clock is the time source of an sfnmem engine: the real clock, or a
// fake one that tests move by hand.
//
// The engine never reads the time or sleeps any other way, which is what makes
// its histories deterministic under [Fake].
//
// # What it models
//
// [Real] is package time: Now is time.Now and AfterFunc is time.AfterFunc.
//
// [Fake] is a clock that stands still until [Fake.Advance] or [Fake.Set]
// moves it. Moving it fires every timer that falls due, one at a time, in
// order of due time, with ties broken by the order the timers were created.
// While a callback runs, Now reads that timer's due time, and the clock's
// own lock is not held, so the callback may read the clock, schedule new
// timers (which fire in the same move if they fall due by its target) and
// stop others. Only after the last due timer has run does the clock read the
// target time. Nothing fires on its own: a timer scheduled with a zero or
// negative duration is due at once but waits for the next Advance or Set.
//
// # What it does not model
//
// Fake has no goroutines, tickers, sleeps, monotonic readings or time zones
// of its own: it returns the times it is given, so callers that want UTC
// start it at a UTC time. Moving it backwards fires nothing and does not
// reschedule pending timers. Concurrent moves are safe but interleave: each
// fires the timers due by its own target.
package clock
