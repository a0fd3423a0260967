// Package idmap is a map from positive int64 ids to values that keeps its
// first entry in itself. Most executions have one timer pending at a time,
// their one-year limit, and a Go map is an allocation of several hundred
// bytes for each execution that the garbage collector then scans; most
// executions never need one. (More inline entries would take the engine's
// executionState past 512 bytes: see TestExecutionStateStaysSmall.)
package idmap

// inline is how many entries a Map holds before it makes a Go map.
const inline = 1

// Map maps ids (> 0) to values. The zero Map is empty and ready to use. A
// Map must not be copied after first use: the copy would share its
// overflow map.
type Map[V any] struct {
	ids  [inline]int64 // 0: the slot is free
	vals [inline]V
	more map[int64]V // entries beyond the inline ones, made on first use
}

// Get returns the value for id and whether it is present.
func (m *Map[V]) Get(id int64) (V, bool) {
	for i, k := range m.ids {
		if k == id && id != 0 {
			return m.vals[i], true
		}
	}
	v, ok := m.more[id]
	return v, ok
}

// Set maps id (> 0) to v. Set panics on an id of 0 or less: they mark free
// slots.
func (m *Map[V]) Set(id int64, v V) {
	if id <= 0 {
		panic("idmap: id must be positive")
	}
	free := -1
	for i, k := range m.ids {
		switch {
		case k == id:
			m.vals[i] = v
			return
		case k == 0 && free < 0:
			free = i
		}
	}
	if _, ok := m.more[id]; ok || free < 0 {
		if m.more == nil {
			m.more = map[int64]V{}
		}
		m.more[id] = v
		return
	}
	m.ids[free], m.vals[free] = id, v
}

// Delete removes id, if present.
func (m *Map[V]) Delete(id int64) {
	for i, k := range m.ids {
		if k == id && id != 0 {
			var zero V
			m.ids[i], m.vals[i] = 0, zero
			return
		}
	}
	delete(m.more, id)
}

// Len returns the number of entries.
func (m *Map[V]) Len() int {
	n := len(m.more)
	for _, k := range m.ids {
		if k != 0 {
			n++
		}
	}
	return n
}

// All calls yield for every entry, in no particular order, until it
// returns false. The Map must not be changed during the call.
func (m *Map[V]) All(yield func(int64, V) bool) {
	for i, k := range m.ids {
		if k != 0 && !yield(k, m.vals[i]) {
			return
		}
	}
	for k, v := range m.more {
		if !yield(k, v) {
			return
		}
	}
}

// Clear removes every entry and forgets the overflow map's memory.
func (m *Map[V]) Clear() { *m = Map[V]{} }
