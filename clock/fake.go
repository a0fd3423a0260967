package clock

import (
	"container/heap"
	"sync"
	"sync/atomic"
	"time"
)

var _ Clock = (*Fake)(nil)

// Fake is a deterministic Clock that moves only when told to. It starts no
// goroutines and never sleeps. It is safe for concurrent use.
//
// Timers wait in a min-heap ordered by (due time, creation order), so
// scheduling, stopping and firing a timer each cost O(log n).
type Fake struct {
	mu  sync.Mutex
	now time.Time
	// cur is now, published for Now to read without the lock: an engine
	// reads the clock at every task it completes, while the clock moves
	// only when a test moves it. Written with now, under mu (setNowLocked).
	cur    atomic.Pointer[time.Time]
	seq    uint64    // creation order, breaks ties between timers due at one instant
	timers timerHeap // scheduled timers, not yet fired or stopped
}

// NewFake returns a Fake clock reading t.
func NewFake(t time.Time) *Fake {
	f := &Fake{now: t}
	f.cur.Store(&t)
	return f
}

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	if t := f.cur.Load(); t != nil {
		return *t
	}
	return time.Time{} // a zero Fake, not made by NewFake, reads the zero time until set
}

// setNowLocked moves the time to t. f.mu must be held.
func (f *Fake) setNowLocked(t time.Time) {
	f.now = t
	f.cur.Store(&t)
}

// AfterFunc schedules fn to run when the fake time reaches Now()+d. A d of
// zero or less makes it due at once, but it still runs only inside Advance or
// Set: nothing runs on its own. A nil fn schedules a timer that does nothing
// when it fires.
func (f *Fake) AfterFunc(d time.Duration, fn func()) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	t := &fakeTimer{clock: f, when: f.now.Add(d), seq: f.seq, fn: fn}
	heap.Push(&f.timers, t)
	return t
}

// Advance moves the clock forward by d. Every timer due by the new time fires
// before Advance returns, earliest first (ties in creation order), with Now
// set to the timer's own time while its callback runs. Callbacks run without
// the clock's lock held, so they may schedule or stop timers; timers they
// schedule fire too if they fall due within the window. A negative d moves
// the clock backwards, as Set does.
func (f *Fake) Advance(d time.Duration) {
	f.Set(f.Now().Add(d))
}

// Set moves the clock to t, firing due timers as Advance does. Moving
// backwards sets the time and fires nothing. Setting the current time fires
// the timers already due (those scheduled with a zero or negative duration).
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	if t.Before(f.now) {
		f.setNowLocked(t)
		f.mu.Unlock()
		return
	}
	f.mu.Unlock()
	for {
		f.mu.Lock()
		next := f.popDueLocked(t)
		if next == nil {
			// Only forward: a callback may already have moved the clock
			// past t through a nested Advance.
			if t.After(f.now) {
				f.setNowLocked(t)
			}
			f.mu.Unlock()
			return
		}
		if next.when.After(f.now) {
			f.setNowLocked(next.when)
		}
		f.mu.Unlock()
		if next.fn != nil {
			next.fn()
		}
	}
}

// popDueLocked removes and returns the earliest timer due at or before t, or
// nil if there is none. f.mu must be held.
func (f *Fake) popDueLocked(t time.Time) *fakeTimer {
	if len(f.timers) == 0 || f.timers[0].when.After(t) {
		return nil
	}
	return heap.Pop(&f.timers).(*fakeTimer)
}

// Pending reports how many timers are scheduled and not yet fired or stopped.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.timers)
}

// fakeTimer is one scheduled callback of a Fake.
type fakeTimer struct {
	clock *Fake
	when  time.Time
	seq   uint64
	fn    func()
	index int // position in clock.timers; -1 once fired or stopped
}

// Stop removes the timer if it has not fired yet. It reports whether it did.
func (t *fakeTimer) Stop() bool {
	f := t.clock
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.index < 0 {
		return false
	}
	heap.Remove(&f.timers, t.index)
	return true
}

// timerHeap is a container/heap of timers ordered by (when, seq). Each timer
// records its own index so Stop can remove it in O(log n).
type timerHeap []*fakeTimer

func (h timerHeap) Len() int { return len(h) }

func (h timerHeap) Less(i, j int) bool {
	a, b := h[i], h[j]
	if !a.when.Equal(b.when) {
		return a.when.Before(b.when)
	}
	return a.seq < b.seq
}

func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}

func (h *timerHeap) Push(x any) {
	t := x.(*fakeTimer)
	t.index = len(*h)
	*h = append(*h, t)
}

func (h *timerHeap) Pop() any {
	old := *h
	n := len(old) - 1
	t := old[n]
	old[n] = nil // let the timer and its callback be collected
	t.index = -1
	*h = old[:n]
	return t
}
