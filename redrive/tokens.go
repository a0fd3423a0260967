package redrive

import "time"

// TokenLimit is how many client tokens of successful redrives an execution
// remembers, and TokenTTL how long each is honoured after first use (spec 1.3).
const (
	TokenLimit = 10
	TokenTTL   = 15 * time.Minute
)

// Tokens remembers the client tokens that successfully redrove one execution.
// The zero value is empty and ready to use. A Tokens is not safe for
// concurrent use.
type Tokens struct {
	entries []tokenEntry // oldest first; at most TokenLimit, tokens unique
}

type tokenEntry struct {
	token       string
	firstUsed   time.Time
	redriveDate time.Time
}

// Seen reports whether tok redrove this execution within TokenTTL of now and
// is among the last TokenLimit tokens, and if so the redriveDate that redrive
// returned. A token is honoured up to and including exactly TokenTTL after its
// first use. The empty token is never seen, and a nil *Tokens has seen nothing.
func (t *Tokens) Seen(tok string, now time.Time) (redriveDate time.Time, ok bool) {
	if t == nil || tok == "" {
		return time.Time{}, false
	}
	i := t.index(tok)
	if i < 0 || !t.entries[i].live(now) {
		return time.Time{}, false
	}
	return t.entries[i].redriveDate, true
}

// Remember records that tok redrove the execution at redriveDate (its first
// use), dropping the oldest token beyond TokenLimit.
//
// The engine only remembers a token that Seen did not honour, so tok is
// normally new. If tok is already remembered and still honoured at
// redriveDate, its first use stands and Remember does nothing; if it has
// expired, the old entry is replaced by a new, newest one. A token is never
// held twice. The empty token is not remembered.
func (t *Tokens) Remember(tok string, redriveDate time.Time) {
	if t == nil || tok == "" {
		return
	}
	if i := t.index(tok); i >= 0 {
		if t.entries[i].live(redriveDate) {
			return
		}
		t.entries = append(t.entries[:i], t.entries[i+1:]...)
	}
	if len(t.entries) >= TokenLimit {
		n := copy(t.entries, t.entries[len(t.entries)-TokenLimit+1:])
		t.entries = t.entries[:n]
	}
	t.entries = append(t.entries, tokenEntry{token: tok, firstUsed: redriveDate, redriveDate: redriveDate})
}

// index returns the position of tok in t.entries, or -1.
func (t *Tokens) index(tok string) int {
	for i := range t.entries {
		if t.entries[i].token == tok {
			return i
		}
	}
	return -1
}

// live reports whether the entry is still honoured at now.
func (e tokenEntry) live(now time.Time) bool {
	return now.Sub(e.firstUsed) <= TokenTTL
}

// Entry is a remembered client token: the token and the redriveDate its
// redrive returned (which is also its first use).
type Entry struct {
	Token       string
	RedriveDate time.Time
}

// Entries lists the tokens still honoured at now, oldest first, for an
// engine that saves its state; Remember each in order to restore them.
func (t *Tokens) Entries(now time.Time) []Entry {
	if t == nil {
		return nil
	}
	var out []Entry
	for _, e := range t.entries {
		if e.live(now) {
			out = append(out, Entry{Token: e.token, RedriveDate: e.redriveDate})
		}
	}
	return out
}
