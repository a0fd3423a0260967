package history

// Spare keeps the first chunk of entries of a log that Freeze packed, for
// the next log to take: an engine that freezes its succeeded histories
// would otherwise allocate a chunk for each history it runs and drop it at
// its end (2 KiB for a 50-Task execution), and its collector would mark
// its whole heap that much more often. The chunk is taken as it is: a log
// writes each entry whole before it reads it. A Spare is not safe for
// concurrent use; the zero Spare is empty.
type Spare struct {
	chunk []entry
}

// FreezeInto is Freeze, and gives s the log's first chunk of entries, which
// the frozen log no longer reads.
func (l *Log) FreezeInto(s *Spare) {
	if l.frozen {
		return
	}
	c := l.firstChunk[0]
	if len(l.chunks) == 0 || l.first == 0 {
		c = nil // an unsized log's first chunk is too small to be worth keeping
	}
	l.Freeze()
	if c != nil { // the latest, most likely the size of the next log of its kind
		s.chunk = c[:cap(c)]
	}
}

// NewLog is NewLogSized, its first chunk of entries taken from s when s
// holds one large enough and not more than twice as large.
func (s *Spare) NewLog(limit int, hint Size) *Log {
	l := NewLogSized(limit, hint)
	if c := s.chunk; l.first > 0 && l.first <= len(c) && len(c) <= 2*l.first {
		s.chunk = nil
		l.firstChunk[0] = c[:l.first]
		l.chunks = l.firstChunk[:1]
		l.room = l.first
	}
	return l
}
