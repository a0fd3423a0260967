package asl

import (
	"math"
	"time"
)

// Matches reports whether errorEquals matches the error name: an exact name,
// States.ALL, or States.TaskFailed.
//
// States.ALL matches every name except States.DataLimitExceeded and
// States.Runtime, which the AWS error-handling guide says it cannot catch.
// States.TaskFailed matches every name except States.Timeout (and, like
// States.ALL, not those two terminal errors). An exact name always matches.
func Matches(errorEquals []string, name string) bool {
	for _, e := range errorEquals {
		switch {
		case e == name:
			return true
		case e == ErrAll && !terminalError(name):
			return true
		case e == ErrTaskFailed && name != ErrTimeout && !terminalError(name):
			return true
		}
	}
	return false
}

// terminalError reports the errors that wildcards never match
// (concepts-error-handling.html: States.ALL "can't catch the
// States.DataLimitExceeded terminal error or Runtime error types").
func terminalError(name string) bool {
	return name == ErrDataLimitExceeded || name == ErrRuntime
}

// Retriable reports whether a Retrier or Catcher may handle the error at
// all. States.Runtime "isn't retriable, and will always cause the execution
// to fail" (AWS error-handling guide), even when named explicitly.
func Retriable(name string) bool { return name != ErrRuntime }

// FindRetrier returns the index of the first retrier matching name, or -1.
// It is always -1 for States.Runtime (see Retriable).
func FindRetrier(retry []Retrier, name string) int {
	if !Retriable(name) {
		return -1
	}
	for i, r := range retry {
		if Matches(r.ErrorEquals, name) {
			return i
		}
	}
	return -1
}

// FindCatcher returns the index of the first catcher matching name, or -1.
// It is always -1 for States.Runtime (see Retriable).
func FindCatcher(catch []Catcher, name string) int {
	if !Retriable(name) {
		return -1
	}
	for i, c := range catch {
		if Matches(c.ErrorEquals, name) {
			return i
		}
	}
	return -1
}

// maxDelay bounds Delay so that huge backoffs cannot overflow time.Duration.
const maxDelay = time.Duration(math.MaxInt64)

// Delay returns the wait before retry attempt number attempt (1 for the first
// retry): IntervalSeconds × BackoffRate^(attempt-1), capped by
// MaxDelaySeconds, then with JitterStrategy FULL scaled by rnd in [0,1).
// An attempt below 1 is treated as 1.
func (r Retrier) Delay(attempt int, rnd float64) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	secs := float64(r.IntervalSeconds) * math.Pow(r.BackoffRate, float64(attempt-1))
	if r.MaxDelaySeconds > 0 && secs > float64(r.MaxDelaySeconds) {
		secs = float64(r.MaxDelaySeconds)
	}
	if r.JitterStrategy == "FULL" {
		secs *= math.Min(math.Max(rnd, 0), 1)
	}
	d := secs * float64(time.Second)
	if math.IsNaN(d) || d < 0 {
		return 0
	}
	if d >= float64(maxDelay) {
		return maxDelay
	}
	return time.Duration(d)
}
