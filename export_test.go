package sfnmem

// CheckProgress exposes the engine's progress invariant to the external
// tests: no RUNNING execution without an open task, a timer or a Map Run,
// and no RUNNING Map Run its execution does not wait for.
func CheckProgress(e *Engine) error { return e.checkProgress() }

// FreezeAbove is how many events of succeeded histories an engine keeps
// unpacked before it freezes the next ones (keepSucceededLocked).
const FreezeAbove = freezeAbove

// FreezeEverySucceededHistory makes e freeze every history that succeeds
// from now on, as it does past FreezeAbove.
func FreezeEverySucceededHistory(e *Engine) {
	e.mu.Lock()
	e.freezeAbove = 0
	e.mu.Unlock()
}
