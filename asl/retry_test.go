package asl

import (
	"math"
	"testing"
	"time"
)

func TestMatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		equals []string
		name   string
		want   bool
	}{
		{[]string{"Custom.Error"}, "Custom.Error", true},
		{[]string{"Custom.Error"}, "custom.error", false},
		{[]string{"A", "B"}, "B", true},
		{[]string{ErrAll}, "Custom.Error", true},
		{[]string{ErrAll}, ErrTimeout, true},
		{[]string{ErrAll}, ErrHeartbeatTimeout, true},
		{[]string{ErrAll}, ErrRuntime, false},
		{[]string{ErrAll}, ErrDataLimitExceeded, false},
		{[]string{ErrTaskFailed}, "Lambda.Unknown", true},
		{[]string{ErrTaskFailed}, ErrTaskFailed, true},
		{[]string{ErrTaskFailed}, ErrTimeout, false},
		{[]string{ErrTaskFailed}, ErrHeartbeatTimeout, true},
		{[]string{ErrTaskFailed}, ErrRuntime, false},
		{[]string{ErrTaskFailed}, ErrDataLimitExceeded, false},
		{[]string{ErrTimeout}, ErrTimeout, true},
		{[]string{ErrDataLimitExceeded}, ErrDataLimitExceeded, true},
		{[]string{ErrRuntime}, ErrRuntime, true},
		{nil, "X", false},
	}
	for _, tt := range tests {
		if got := Matches(tt.equals, tt.name); got != tt.want {
			t.Errorf("Matches(%v, %q) = %v, want %v", tt.equals, tt.name, got, tt.want)
		}
	}
}

func TestFindRetrierAndCatcher(t *testing.T) {
	t.Parallel()
	retry := []Retrier{
		{ErrorEquals: []string{ErrTimeout}, MaxAttempts: 0},
		{ErrorEquals: []string{"A", "B"}},
		{ErrorEquals: []string{ErrRuntime}},
		{ErrorEquals: []string{ErrAll}},
	}
	catch := []Catcher{
		{ErrorEquals: []string{"java.lang.Exception"}, Next: "Recover"},
		{ErrorEquals: []string{ErrRuntime}, Next: "Never"},
		{ErrorEquals: []string{ErrAll}, Next: "End"},
	}
	tests := []struct {
		name             string
		retrier, catcher int
	}{
		{ErrTimeout, 0, 2},
		{"B", 1, 2},
		{"java.lang.Exception", 3, 0},
		{"Other", 3, 2},
		// States.Runtime is never retried or caught, even when named.
		{ErrRuntime, -1, -1},
		{ErrDataLimitExceeded, -1, -1},
	}
	for _, tt := range tests {
		if got := FindRetrier(retry, tt.name); got != tt.retrier {
			t.Errorf("FindRetrier(%q) = %d, want %d", tt.name, got, tt.retrier)
		}
		if got := FindCatcher(catch, tt.name); got != tt.catcher {
			t.Errorf("FindCatcher(%q) = %d, want %d", tt.name, got, tt.catcher)
		}
	}
	if got := FindRetrier(nil, "X"); got != -1 {
		t.Errorf("FindRetrier(nil) = %d, want -1", got)
	}
}

func TestRetrierDelay(t *testing.T) {
	t.Parallel()
	def := Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: "NONE"}
	tests := []struct {
		name    string
		r       Retrier
		attempt int
		rnd     float64
		want    time.Duration
	}{
		{"defaults first retry", def, 1, 0.5, time.Second},
		{"defaults second retry", def, 2, 0.5, 2 * time.Second},
		{"defaults third retry", def, 3, 0.5, 4 * time.Second},
		{"attempt below one", def, 0, 0, time.Second},
		{"fractional backoff", Retrier{IntervalSeconds: 3, BackoffRate: 1.5}, 2, 0, 4500 * time.Millisecond},
		{"backoff rate one", Retrier{IntervalSeconds: 5, BackoffRate: 1}, 10, 0, 5 * time.Second},
		{"capped by MaxDelaySeconds", Retrier{IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 5}, 10, 0, 5 * time.Second},
		{"full jitter scales", Retrier{IntervalSeconds: 4, BackoffRate: 2, JitterStrategy: "FULL"}, 2, 0.25, 2 * time.Second},
		{"full jitter after cap", Retrier{IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 10, JitterStrategy: "FULL"}, 20, 0.5, 5 * time.Second},
		{"full jitter zero", Retrier{IntervalSeconds: 4, BackoffRate: 2, JitterStrategy: "FULL"}, 1, 0, 0},
		{"huge backoff saturates", Retrier{IntervalSeconds: 99999999, BackoffRate: 1e300}, 5, 0, time.Duration(math.MaxInt64)},
	}
	for _, tt := range tests {
		if got := tt.r.Delay(tt.attempt, tt.rnd); got != tt.want {
			t.Errorf("%s: Delay(%d, %v) = %v, want %v", tt.name, tt.attempt, tt.rnd, got, tt.want)
		}
	}
}
