package clock

import (
	"sort"
	"sync"
	"time"
)

var _ Clock = (*Fake)(nil)

// Fake is a deterministic Clock that moves only when told to. It starts no
// goroutines and never sleeps. It is safe for concurrent use.
type Fake struct {
	mu     sync.Mutex
	now    time.Time
	seq    uint64 // creation order, breaks ties between timers due at one instant
	timers []*fakeTimer
}

// NewFake returns a Fake clock reading t.
func NewFake(t time.Time) *Fake { return &Fake{now: t} }

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// AfterFunc schedules fn to run when the fake time reaches Now()+d. A d of
// zero or less makes it due at once, but it still runs only inside Advance or
// Set: nothing runs on its own.
func (f *Fake) AfterFunc(d time.Duration, fn func()) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	t := &fakeTimer{clock: f, when: f.now.Add(d), seq: f.seq, fn: fn}
	f.timers = append(f.timers, t)
	return t
}

// Advance moves the clock forward by d. Every timer due by the new time fires
// before Advance returns, earliest first (ties in creation order), with Now
// set to the timer's own time while its callback runs. Callbacks run without
// the clock's lock held, so they may schedule more timers; those fire too if
// they fall due within the window.
func (f *Fake) Advance(d time.Duration) {
	f.Set(f.Now().Add(d))
}

// Set moves the clock to t, firing due timers as Advance does. Moving
// backwards sets the time and fires nothing.
func (f *Fake) Set(t time.Time) {
	for {
		f.mu.Lock()
		next := f.popDueLocked(t)
		if next == nil {
			if t.After(f.now) || t.Before(f.now) {
				f.now = t
			}
			f.mu.Unlock()
			return
		}
		if next.when.After(f.now) {
			f.now = next.when
		}
		f.mu.Unlock()
		next.fn()
	}
}

// popDueLocked removes and returns the earliest timer due at or before t.
func (f *Fake) popDueLocked(t time.Time) *fakeTimer {
	if len(f.timers) == 0 {
		return nil
	}
	sort.SliceStable(f.timers, func(i, j int) bool {
		a, b := f.timers[i], f.timers[j]
		if !a.when.Equal(b.when) {
			return a.when.Before(b.when)
		}
		return a.seq < b.seq
	})
	first := f.timers[0]
	if first.when.After(t) {
		return nil
	}
	f.timers = f.timers[1:]
	first.fired = true
	return first
}

// Pending reports how many timers are scheduled and not yet fired or stopped.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.timers)
}

type fakeTimer struct {
	clock *Fake
	when  time.Time
	seq   uint64
	fn    func()
	fired bool
}

func (t *fakeTimer) Stop() bool {
	f := t.clock
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, x := range f.timers {
		if x == t {
			f.timers = append(f.timers[:i], f.timers[i+1:]...)
			return true
		}
	}
	return false
}
