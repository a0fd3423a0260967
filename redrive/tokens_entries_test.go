package redrive

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Entries lists the live tokens oldest first; remembering them in order
// rebuilds a Tokens that answers Seen the same way.
func TestTokensEntriesRoundTrip(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	var tok Tokens
	tok.Remember("old", t0)
	tok.Remember("a", t0.Add(10*time.Minute))
	tok.Remember("b", t0.Add(12*time.Minute))
	now := t0.Add(16 * time.Minute) // "old" has expired
	want := []Entry{{"a", t0.Add(10 * time.Minute)}, {"b", t0.Add(12 * time.Minute)}}
	if diff := cmp.Diff(want, tok.Entries(now)); diff != "" {
		t.Errorf("Entries (-want +got):\n%s", diff)
	}
	var back Tokens
	for _, e := range tok.Entries(now) {
		back.Remember(e.Token, e.RedriveDate)
	}
	for _, name := range []string{"old", "a", "b", "c"} {
		d1, ok1 := tok.Seen(name, now)
		d2, ok2 := back.Seen(name, now)
		if ok1 != ok2 || !d1.Equal(d2) {
			t.Errorf("Seen(%s): original %v %v, rebuilt %v %v", name, d1, ok1, d2, ok2)
		}
	}
	var nilTokens *Tokens
	if got := nilTokens.Entries(now); got != nil {
		t.Errorf("nil Entries = %v", got)
	}
}
