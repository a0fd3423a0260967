package asl

import "time"

// Matches reports whether errorEquals matches the error name: an exact name,
// States.ALL (anything except States.Runtime... see docs), or
// States.TaskFailed (any error a task raised, except States.Timeout).
func Matches(errorEquals []string, name string) bool { panic("TODO") }

// FindRetrier returns the index of the first retrier matching name, or -1.
func FindRetrier(retry []Retrier, name string) int { panic("TODO") }

// FindCatcher returns the index of the first catcher matching name, or -1.
func FindCatcher(catch []Catcher, name string) int { panic("TODO") }

// Delay returns the wait before retry attempt number attempt (1 for the first
// retry): IntervalSeconds × BackoffRate^(attempt-1), capped by
// MaxDelaySeconds, then with JitterStrategy FULL scaled by rnd in [0,1).
func (r Retrier) Delay(attempt int, rnd float64) time.Duration { panic("TODO") }
