package redrive_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/redrive"
)

// t0 is the first redrive time in the token tests.
var t0 = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

func TestTokens(t *testing.T) {
	t.Parallel()
	type remember struct {
		tok string
		at  time.Time
	}
	type seen struct {
		tok  string
		now  time.Time
		date time.Time // zero when not seen
		ok   bool
	}
	// eleven returns 11 redrives, one a minute apart, with tokens t0..t10.
	eleven := func() []remember {
		var rs []remember
		for i := range 11 {
			rs = append(rs, remember{fmt.Sprintf("t%d", i), t0.Add(time.Duration(i) * time.Minute)})
		}
		return rs
	}
	tests := []struct {
		name     string
		remember []remember
		seen     []seen
	}{
		{
			name: "zero value has seen nothing",
			seen: []seen{{tok: "a", now: t0}, {tok: "", now: t0}},
		},
		{
			name:     "remembered token returns its redriveDate",
			remember: []remember{{"a", t0}},
			seen:     []seen{{"a", t0, t0, true}, {"a", t0.Add(time.Minute), t0, true}, {"b", t0, time.Time{}, false}},
		},
		{
			name:     "exactly 15 minutes is honoured, 1ms later is not",
			remember: []remember{{"a", t0}},
			seen: []seen{
				{"a", t0.Add(redrive.TokenTTL), t0, true},
				{"a", t0.Add(redrive.TokenTTL + time.Millisecond), time.Time{}, false},
				{"a", t0.Add(redrive.TokenTTL + time.Nanosecond), time.Time{}, false},
			},
		},
		{
			name:     "ten tokens are all kept",
			remember: eleven()[:10],
			seen: []seen{
				{"t0", t0.Add(10 * time.Minute), t0, true},
				{"t9", t0.Add(10 * time.Minute), t0.Add(9 * time.Minute), true},
			},
		},
		{
			name:     "11th token evicts the oldest",
			remember: eleven(),
			seen: []seen{
				{"t0", t0.Add(10 * time.Minute), time.Time{}, false},
				{"t1", t0.Add(10 * time.Minute), t0.Add(time.Minute), true},
				{"t10", t0.Add(10 * time.Minute), t0.Add(10 * time.Minute), true},
			},
		},
		{
			name:     "re-remember of a live token keeps its first use and takes no slot",
			remember: append([]remember{{"t0", t0}, {"t0", t0.Add(5 * time.Minute)}}, eleven()[1:10]...),
			seen: []seen{
				{"t0", t0.Add(10 * time.Minute), t0, true},
				{"t0", t0.Add(redrive.TokenTTL + time.Millisecond), time.Time{}, false},
				{"t9", t0.Add(10 * time.Minute), t0.Add(9 * time.Minute), true},
			},
		},
		{
			name: "re-remember of an expired token replaces it as the newest",
			remember: append(append([]remember{}, eleven()[:10]...),
				remember{"t0", t0.Add(20 * time.Minute)}, // expired at t0+15m: a new redrive
				remember{"x", t0.Add(21 * time.Minute)},  // evicts t1, not the renewed t0
			),
			seen: []seen{
				{"t0", t0.Add(30 * time.Minute), t0.Add(20 * time.Minute), true},
				{"t1", t0.Add(16 * time.Minute), time.Time{}, false},
				{"t2", t0.Add(16 * time.Minute), t0.Add(2 * time.Minute), true},
				{"x", t0.Add(21 * time.Minute), t0.Add(21 * time.Minute), true},
			},
		},
		{
			name:     "empty token is never remembered",
			remember: []remember{{"", t0}},
			seen:     []seen{{"", t0, time.Time{}, false}},
		},
		{
			name:     "a clock set back before first use still honours the token",
			remember: []remember{{"a", t0}},
			seen:     []seen{{"a", t0.Add(-time.Minute), t0, true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var tokens redrive.Tokens
			for _, r := range tt.remember {
				tokens.Remember(r.tok, r.at)
			}
			var got []seen
			for _, s := range tt.seen {
				date, ok := tokens.Seen(s.tok, s.now)
				got = append(got, seen{s.tok, s.now, date, ok})
			}
			if diff := cmp.Diff(tt.seen, got, cmp.AllowUnexported(seen{})); diff != "" {
				t.Errorf("Seen after Remember %v mismatch (-want +got):\n%s", tt.remember, diff)
			}
		})
	}
}

func TestTokensNeverDuplicates(t *testing.T) {
	t.Parallel()
	// Remembering the same live token eleven times must not push out another:
	// if it were held twice, "other" would be evicted.
	var tokens redrive.Tokens
	tokens.Remember("other", t0)
	for i := range 11 {
		tokens.Remember("same", t0.Add(time.Duration(i)*time.Second))
	}
	if _, ok := tokens.Seen("other", t0.Add(time.Minute)); !ok {
		t.Errorf("Seen(other) = false after re-remembering one token 11 times, want true")
	}
}

func TestTokensNil(t *testing.T) {
	t.Parallel()
	var tokens *redrive.Tokens
	tokens.Remember("a", t0) // must not panic
	if _, ok := tokens.Seen("a", t0); ok {
		t.Errorf("(*Tokens)(nil).Seen(a) = true, want false")
	}
}

func BenchmarkTokensSeen(b *testing.B) {
	var tokens redrive.Tokens
	for i := range redrive.TokenLimit {
		tokens.Remember(fmt.Sprintf("token-%02d", i), t0.Add(time.Duration(i)*time.Second))
	}
	at := t0.Add(time.Minute)
	for b.Loop() {
		if _, ok := tokens.Seen("token-00", at); !ok {
			b.Fatal("not seen")
		}
	}
}
