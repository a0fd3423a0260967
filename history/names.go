package history

// Names is the table of the state names of one state machine, made once
// and shared by the logs of all its executions. A state's Entered and
// Exited events, appended with its *Name (AppendText), keep the name's
// index instead of a copy of the name: no log stores a name again, and
// appending one costs no search.
//
// A Names is never modified once made, so any number of logs may read it
// at once.
type Names struct {
	names []string
	items []Name
}

// Name is one name of a Names table: what AppendText shares for the
// Entered and Exited events of the state it names.
type Name struct {
	t *Names
	i uint32
}

// NewNames returns the table of names, in that order (asl.Definition's
// StateNames). It keeps names, which must never be modified.
func NewNames(names []string) *Names {
	t := &Names{names: names, items: make([]Name, len(names))}
	for i := range t.items {
		t.items[i] = Name{t: t, i: uint32(i)}
	}
	return t
}

// At returns the i-th name (0-based).
func (t *Names) At(i int) *Name { return &t.items[i] }

// Len returns the number of names.
func (t *Names) Len() int { return len(t.names) }

// String returns the name.
func (n *Name) String() string { return n.t.names[n.i] }

// nameTag marks an aux that holds an index into the log's Names (the rest
// of the word; a table holds far fewer than 2^30 names) rather than the
// textRef of a name stored as text. No textRef but emptyText has both of
// its bits set: an arena position is below 2^31, and a refs index (after
// refText) below the log's limit, 2^24.
const nameTag = 3 << 30

// nameType is the type word of a *Name in an interface.
var nameType = typeWord[*Name]()
