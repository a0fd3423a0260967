// Package interp runs a parsed States Language definition step by step,
// writing the history events AWS writes, and resumes a closed run for a
// redrive.
//
// A Run is pure: it never reads a clock, starts no goroutines and calls no
// user code. Every entry point takes the current time, and what the run needs
// from the outside world comes back as [Effects]: task calls to make and
// timers to arm or cancel. The engine above carries those out and reports
// back (task results, timer firings), which is what makes a run deterministic
// and lets the engine call task handlers without holding its lock.
//
// A Run is not safe for concurrent use; the engine guards it with its mutex.
package interp
