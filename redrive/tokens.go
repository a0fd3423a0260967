package redrive

import "time"

// TokenLimit is how many client tokens of successful redrives an execution
// remembers, and TokenTTL how long each is honoured after first use (spec 1.3).
const (
	TokenLimit = 10
	TokenTTL   = 15 * time.Minute
)

// Tokens remembers the client tokens that successfully redrove one execution.
// The zero value is empty and ready to use.
type Tokens struct {
	entries []tokenEntry
}

type tokenEntry struct {
	token       string
	firstUsed   time.Time
	redriveDate time.Time
}

// Seen reports whether tok redrove this execution within TokenTTL of now and
// is among the last TokenLimit tokens, and if so the redriveDate that redrive
// returned.
func (t *Tokens) Seen(tok string, now time.Time) (redriveDate time.Time, ok bool) { panic("TODO") }

// Remember records that tok redrove the execution at redriveDate (its first
// use), dropping the oldest token beyond TokenLimit.
func (t *Tokens) Remember(tok string, redriveDate time.Time) { panic("TODO") }
