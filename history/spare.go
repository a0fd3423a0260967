package history

// Spare keeps what logs that will not be appended to again no longer
// need, for the next logs to take: the writer of a log that Release or
// FreezeInto gave away, and the first chunk of entries of a log that
// FreezeInto packed. An engine that keeps every history it runs would
// otherwise allocate these for each and drop them at its end (2 KiB of
// entries for a 50-Task execution), and its collector would mark its whole
// heap that much more often. A Spare is not safe for concurrent use; the
// zero Spare is empty.
type Spare struct {
	chunk []entry
	w     *writer
}

// Release gives the log's writer to s: the log is final for now (its
// execution succeeded), and keeps only what its reads need. It reads as
// before, and may still be appended to, at the cost of a new writer.
func (l *Log) Release(s *Spare) {
	if l.w != nil {
		s.w, l.w = l.w, nil
	}
}

// FreezeInto is Freeze, and gives s the log's writer and its first chunk
// of entries, which the frozen log no longer reads.
func (l *Log) FreezeInto(s *Spare) {
	if l.frozen {
		return
	}
	c := l.firstChunk[0]
	if len(l.chunks) == 0 || l.first == 0 {
		c = nil // an unsized log's first chunk is too small to be worth keeping
	}
	l.Release(s)
	l.Freeze()
	if c != nil { // the latest, most likely the size of the next log of its kind
		s.chunk = c[:cap(c)]
	}
}

// NewLog is NewLogSized, with the writer s holds, if any, and its first
// chunk of entries taken from s when s holds one large enough and not
// more than twice as large. (A chunk is taken as it is: a log writes each
// entry whole before it reads it. A writer is taken emptied: what it
// remembers names another log's values.)
func (s *Spare) NewLog(limit int, hint Size) *Log {
	l := NewLogSized(limit, hint)
	if w := s.w; w != nil {
		s.w = nil
		*w = writer{}
		l.w = w
	}
	if c := s.chunk; l.first > 0 && l.first <= len(c) && len(c) <= 2*l.first {
		s.chunk = nil
		l.firstChunk[0] = c[:l.first]
		l.chunks = l.firstChunk[:1]
		l.writer().room = l.first
	}
	return l
}
