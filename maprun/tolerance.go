package maprun

import (
	"math/bits"
	"strconv"
)

// ToleranceExceeded reports whether the failures so far exceed the Map Run's
// tolerated-failure thresholds (spec 2.5), so the Map Run must fail with
// States.ExceedToleratedFailureThreshold.
//
// Failures are the failed and timed-out items (aborted items do not count);
// the percentage is taken of all items. A threshold is exceeded when the
// failures are strictly more than it allows; when both are set, exceeding
// either one is enough. A threshold the Map state did not set does not limit,
// except that with neither set any failure is too many (both default to 0).
// ToleratedFailurePercentage is compared as the decimal it was written as
// (33.3, not float32's 33.2999992), so exactly 333 of 1000 items are
// tolerated at 33.3%.
//
// The counters are the current ones, so after a redrive the failures of
// children it re-runs no longer count and children it could not re-run still
// do (docs/decisions.md, "tolerated failure across redrives").
func (m *MapRun) ToleranceExceeded() bool {
	failed := m.Items.Failed + m.Items.TimedOut
	if failed <= 0 {
		return false
	}
	countSet, pctSet := m.ToleratedFailureCountSet, m.ToleratedFailurePercentageSet
	if !countSet && !pctSet {
		return true
	}
	if countSet && failed > m.ToleratedFailureCount {
		return true
	}
	return pctSet && percentExceeded(failed, m.Items.Total, m.ToleratedFailurePercentage)
}

// percentExceeded reports whether failed/total > pct/100, exactly, with pct
// read as its shortest decimal form.
func percentExceeded(failed, total int64, pct float32) bool {
	if total <= 0 {
		return false
	}
	if !(pct < 100) {
		return false // 100 (or more) tolerates everything; NaN is rejected by Check
	}
	if !(pct > 0) {
		return true
	}
	num, scale, ok := decimal(pct)
	if !ok {
		// A percentage below 1e-12 or so: float64 is exact enough there.
		return float64(failed)*100 > float64(pct)*float64(total)
	}
	// failed*100*scale > num*total, in 128 bits.
	lh, ll := bits.Mul64(uint64(failed), 100)
	lh, ll = mulLow128(lh, ll, scale)
	rh, rl := bits.Mul64(num, uint64(total))
	return lh > rh || (lh == rh && ll > rl)
}

// maxScale bounds decimal's scale so that failed*100*scale fits in 128 bits
// for any failed < 2^63.
const maxScale = 1e12

// decimal returns p's shortest decimal representation as num/scale, with
// scale a power of ten up to maxScale; ok is false when it needs more.
func decimal(p float32) (num, scale uint64, ok bool) {
	var buf [64]byte
	s := strconv.AppendFloat(buf[:0], float64(p), 'f', -1, 32)
	scale = 1
	seenDot := false
	for _, c := range s {
		if c == '.' {
			seenDot = true
			continue
		}
		if num > (1<<63)/10 || (seenDot && scale >= maxScale) {
			return 0, 0, false
		}
		num = num*10 + uint64(c-'0')
		if seenDot {
			scale *= 10
		}
	}
	return num, scale, true
}

// mulLow128 multiplies the 128-bit hi:lo by k and keeps the low 128 bits,
// which hold the whole product for percentExceeded's operands.
func mulLow128(hi, lo, k uint64) (uint64, uint64) {
	h1, l := bits.Mul64(lo, k)
	_, h2 := bits.Mul64(hi, k)
	return h1 + h2, l
}
