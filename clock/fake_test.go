package clock_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/clock"
)

var start = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// firing is one callback run as seen from inside the callback.
type firing struct {
	Name string
	At   time.Duration // Now() - start while the callback ran
}

// recorder collects firings; it is safe for concurrent use.
type recorder struct {
	mu  sync.Mutex
	got []firing
}

func (r *recorder) fn(c *clock.Fake, name string) func() {
	return func() {
		at := c.Now().Sub(start)
		r.mu.Lock()
		defer r.mu.Unlock()
		r.got = append(r.got, firing{name, at})
	}
}

func (r *recorder) firings() []firing {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]firing(nil), r.got...)
}

func TestFakeAdvanceOrder(t *testing.T) {
	t.Parallel()
	type timer struct {
		name string
		d    time.Duration
	}
	tests := []struct {
		name    string
		timers  []timer
		advance time.Duration
		want    []firing
		pending int
	}{
		{
			name:    "earliest first",
			timers:  []timer{{"c", 3 * time.Second}, {"a", time.Second}, {"b", 2 * time.Second}},
			advance: 5 * time.Second,
			want:    []firing{{"a", time.Second}, {"b", 2 * time.Second}, {"c", 3 * time.Second}},
		},
		{
			name:    "ties in creation order",
			timers:  []timer{{"x", time.Second}, {"y", time.Second}, {"z", time.Second}, {"early", time.Millisecond}},
			advance: time.Second,
			want:    []firing{{"early", time.Millisecond}, {"x", time.Second}, {"y", time.Second}, {"z", time.Second}},
		},
		{
			name:    "due exactly at the target fires",
			timers:  []timer{{"edge", time.Minute}},
			advance: time.Minute,
			want:    []firing{{"edge", time.Minute}},
		},
		{
			name:    "later timers stay pending",
			timers:  []timer{{"now", time.Second}, {"later", time.Hour}, {"later2", time.Hour + 1}},
			advance: time.Minute,
			want:    []firing{{"now", time.Second}},
			pending: 2,
		},
		{
			name:    "zero and negative durations are due but wait for a move",
			timers:  []timer{{"zero", 0}, {"neg", -time.Second}, {"pos", time.Nanosecond}},
			advance: 0,
			// Now never moves backwards for an overdue timer.
			want:    []firing{{"neg", 0}, {"zero", 0}},
			pending: 1,
		},
		{
			name:    "advance with nothing scheduled",
			advance: time.Hour,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := clock.NewFake(start)
			var r recorder
			for _, tm := range tt.timers {
				c.AfterFunc(tm.d, r.fn(c, tm.name))
			}
			if got := r.firings(); len(got) != 0 {
				t.Fatalf("AfterFunc fired %v before any Advance", got)
			}
			c.Advance(tt.advance)
			if diff := cmp.Diff(tt.want, r.firings()); diff != "" {
				t.Errorf("firings (-want +got):\n%s", diff)
			}
			if got, want := c.Now(), start.Add(tt.advance); !got.Equal(want) {
				t.Errorf("Now() after Advance(%v) = %v, want %v", tt.advance, got, want)
			}
			if got := c.Pending(); got != tt.pending {
				t.Errorf("Pending() = %d, want %d", got, tt.pending)
			}
		})
	}
}

func TestFakeCallbackSchedulesWithinWindow(t *testing.T) {
	t.Parallel()
	c := clock.NewFake(start)
	var r recorder
	c.AfterFunc(time.Second, func() {
		r.fn(c, "first")()
		// Due at 3s: inside the window, and after "second" at 2s.
		c.AfterFunc(2*time.Second, r.fn(c, "chained"))
		// Due at 1s, i.e. now: fires next, before "second".
		c.AfterFunc(0, r.fn(c, "immediate"))
		// Due at 11s: outside the window.
		c.AfterFunc(10*time.Second, r.fn(c, "outside"))
	})
	c.AfterFunc(2*time.Second, r.fn(c, "second"))

	c.Advance(5 * time.Second)

	want := []firing{
		{"first", time.Second},
		{"immediate", time.Second},
		{"second", 2 * time.Second},
		{"chained", 3 * time.Second},
	}
	if diff := cmp.Diff(want, r.firings()); diff != "" {
		t.Errorf("firings (-want +got):\n%s", diff)
	}
	if got := c.Pending(); got != 1 {
		t.Errorf("Pending() = %d, want 1 (the timer outside the window)", got)
	}
	c.Advance(6 * time.Second)
	want = append(want, firing{"outside", 11 * time.Second})
	if diff := cmp.Diff(want, r.firings()); diff != "" {
		t.Errorf("firings after second Advance (-want +got):\n%s", diff)
	}
}

func TestFakeCallbackStopsPendingTimer(t *testing.T) {
	t.Parallel()
	c := clock.NewFake(start)
	var r recorder
	var victim clock.Timer
	var stopped bool
	c.AfterFunc(time.Second, func() { stopped = victim.Stop() })
	victim = c.AfterFunc(2*time.Second, r.fn(c, "victim"))
	c.Advance(time.Minute)
	if !stopped {
		t.Errorf("Stop() from a callback = false, want true")
	}
	if got := r.firings(); len(got) != 0 {
		t.Errorf("stopped timer fired: %v", got)
	}
}

func TestFakeStop(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		advance  time.Duration // before the first Stop
		wantStop bool
		wantRuns int
	}{
		{"before firing", time.Second, true, 0},
		{"after firing", 2 * time.Second, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := clock.NewFake(start)
			runs := 0
			tm := c.AfterFunc(2*time.Second, func() { runs++ })
			c.Advance(tt.advance)
			if got := tm.Stop(); got != tt.wantStop {
				t.Errorf("first Stop() = %v, want %v", got, tt.wantStop)
			}
			if got := tm.Stop(); got {
				t.Errorf("second Stop() = true, want false")
			}
			c.Advance(time.Hour)
			if runs != tt.wantRuns {
				t.Errorf("callback ran %d times, want %d", runs, tt.wantRuns)
			}
			if got := c.Pending(); got != 0 {
				t.Errorf("Pending() = %d, want 0", got)
			}
		})
	}
}

func TestFakeStopKeepsOrder(t *testing.T) {
	t.Parallel()
	// Many timers in a scrambled order, every third one stopped: the rest
	// must fire sorted by (due time, creation order).
	c := clock.NewFake(start)
	var r recorder
	var want []firing
	const n = 300
	timers := make([]clock.Timer, n)
	for i := range n {
		d := time.Duration((i*7919)%97) * time.Millisecond // repeats give ties
		timers[i] = c.AfterFunc(d, r.fn(c, fmt.Sprint(i)))
	}
	for i := 0; i < n; i += 3 {
		if !timers[i].Stop() {
			t.Fatalf("timer %d: Stop() = false, want true", i)
		}
	}
	for ms := range 97 {
		for i := range n {
			if i%3 != 0 && (i*7919)%97 == ms {
				want = append(want, firing{fmt.Sprint(i), time.Duration(ms) * time.Millisecond})
			}
		}
	}
	c.Advance(time.Second)
	if diff := cmp.Diff(want, r.firings()); diff != "" {
		t.Errorf("firings (-want +got):\n%s", diff)
	}
}

func TestFakeSet(t *testing.T) {
	t.Parallel()
	c := clock.NewFake(start)
	var r recorder
	c.AfterFunc(-time.Second, r.fn(c, "overdue"))
	c.AfterFunc(time.Second, r.fn(c, "later"))

	back := start.Add(-time.Hour)
	c.Set(back)
	if got := r.firings(); len(got) != 0 {
		t.Errorf("Set backwards fired %v, want nothing", got)
	}
	if got := c.Now(); !got.Equal(back) {
		t.Errorf("Now() after Set(%v) = %v", back, got)
	}
	if got := c.Pending(); got != 2 {
		t.Errorf("Pending() after Set backwards = %d, want 2", got)
	}

	c.Set(start.Add(time.Second))
	want := []firing{{"overdue", -time.Second}, {"later", time.Second}}
	if diff := cmp.Diff(want, r.firings()); diff != "" {
		t.Errorf("firings (-want +got):\n%s", diff)
	}
}

func TestFakeNestedAdvance(t *testing.T) {
	t.Parallel()
	// A callback that moves the clock itself: the outer Advance must not
	// pull the time back to its own target.
	c := clock.NewFake(start)
	var r recorder
	c.AfterFunc(time.Second, func() { c.Advance(time.Hour) })
	c.AfterFunc(30*time.Minute, r.fn(c, "inner"))
	c.Advance(2 * time.Second)
	want := []firing{{"inner", 30 * time.Minute}}
	if diff := cmp.Diff(want, r.firings()); diff != "" {
		t.Errorf("firings (-want +got):\n%s", diff)
	}
	if got, want := c.Now(), start.Add(time.Hour+time.Second); !got.Equal(want) {
		t.Errorf("Now() = %v, want %v", got, want)
	}
}

func TestFakeNilCallback(t *testing.T) {
	t.Parallel()
	c := clock.NewFake(start)
	c.AfterFunc(time.Second, nil)
	c.Advance(time.Second) // must not panic
	if got := c.Pending(); got != 0 {
		t.Errorf("Pending() = %d, want 0", got)
	}
}

func TestFakeConcurrent(t *testing.T) {
	t.Parallel()
	c := clock.NewFake(start)
	var mu sync.Mutex
	fired := 0
	inc := func() {
		mu.Lock()
		fired++
		mu.Unlock()
	}
	const workers, perWorker = 8, 200
	var wg sync.WaitGroup
	stopped := make([]int, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				tm := c.AfterFunc(time.Duration(i%10)*time.Millisecond, func() {
					inc()
					c.AfterFunc(time.Millisecond, nil) // schedule from a callback
				})
				if i%4 == 0 && tm.Stop() {
					stopped[w]++
				}
				if i%25 == 0 {
					c.Advance(time.Millisecond)
				}
				_ = c.Now()
				_ = c.Pending()
			}
		}()
	}
	wg.Wait()
	c.Advance(time.Hour)
	total := 0
	for _, s := range stopped {
		total += s
	}
	if want := workers*perWorker - total; fired != want {
		t.Errorf("fired %d callbacks, want %d (%d scheduled, %d stopped)", fired, want, workers*perWorker, total)
	}
	if got := c.Pending(); got != 0 {
		t.Errorf("Pending() = %d, want 0", got)
	}
}

func TestRealClock(t *testing.T) {
	t.Parallel()
	c := clock.Real()
	if c.Now().IsZero() {
		t.Errorf("Real().Now() is the zero time")
	}
	done := make(chan struct{})
	c.AfterFunc(0, func() { close(done) })
	<-done // the real timer fires without any help
	long := c.AfterFunc(time.Hour, func() { t.Error("hour-long real timer fired") })
	if !long.Stop() {
		t.Errorf("Stop() on a pending real timer = false, want true")
	}
}

// BenchmarkFakeNow reads the clock, as an engine does at every task it
// completes.
func BenchmarkFakeNow(b *testing.B) {
	c := clock.NewFake(start)
	for b.Loop() {
		_ = c.Now()
	}
}

func BenchmarkFakeAdvance(b *testing.B) {
	// 10,000 pending timers; each iteration fires one and schedules another.
	c := clock.NewFake(start)
	var reschedule func()
	reschedule = func() { c.AfterFunc(10000*time.Millisecond, reschedule) }
	for i := range 10000 {
		c.AfterFunc(time.Duration(i+1)*time.Millisecond, reschedule)
	}
	b.ResetTimer()
	for range b.N {
		c.Advance(time.Millisecond)
	}
}

// TestFakeZeroValue: a Fake not made by NewFake reads the zero time until
// it is set, like any other Fake.
func TestFakeZeroValue(t *testing.T) {
	t.Parallel()
	var c clock.Fake
	if got := c.Now(); !got.IsZero() {
		t.Errorf("zero Fake: Now() = %v, want the zero time", got)
	}
	var r recorder
	c.AfterFunc(time.Second, r.fn(&c, "fired"))
	c.Set(start)
	if got := c.Now(); !got.Equal(start) {
		t.Errorf("Now() after Set = %v, want %v", got, start)
	}
	if got := r.firings(); len(got) != 1 {
		t.Errorf("firings %v, want the one timer", got)
	}
}
