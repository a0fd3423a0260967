package history

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// DefaultLimit is the Step Functions hard quota on events in one execution's
// history (spec 1.2 item 6, DG-Quotas).
const DefaultLimit = 25000

// ErrLimit is returned by Append when the log already holds its limit.
var ErrLimit = errors.New("history: event limit reached")

// ErrInvalidToken is returned by Page for a token it did not issue for this
// log and these arguments.
var ErrInvalidToken = errors.New("history: invalid pagination token")

// ErrInvalidEvent is wrapped by the errors Append returns for an event it
// refuses: an unknown type, a details value of the wrong type, a
// previousEventId that names no earlier event, or a zero timestamp.
var ErrInvalidEvent = errors.New("history: invalid event")

// Precision is the resolution of event timestamps: Append truncates to it,
// as AWS reports history timestamps in milliseconds (API-HistEvent).
const Precision = time.Millisecond

// Log is one execution's history. Events are immutable once appended.
// A Log is not safe for concurrent use; the engine guards it with its mutex.
//
// Events are stored compactly and built into types.HistoryEvent when read:
// the SDK struct has a pointer field per details type, which would cost
// every stored event ~400 bytes and the garbage collector as many pointers
// to scan. An entry is 8 bytes without pointers; the details values it
// names are in refs, and the texts of AppendText events back to back in
// an arena, so a long history is a few large objects.
type Log struct {
	limit  int
	chunks [][]entry // fixed-size chunks: a growing log never copies its events
	n      int       // events stored
	lastAt int64     // the last event's time, Unix milliseconds
	// The events' times, kept only where they change (see millis): base is
	// the first event's, changes list each later time with the first event
	// at it. Most steps write all their events at one instant, a test's
	// fake clock often a whole history at a few, so a time in every entry
	// would cost 4 bytes an event for little.
	base    int64 // Unix milliseconds
	changes []timeChange
	first   int    // the first chunk's size when sized by a hint (NewLogSized); 0: the default geometry
	key     uint64 // binds page tokens to this log (tokenKey), when keyed
	keyed   bool
	frozen  bool       // Freeze made the log final: its entries are packed in firstChunk[0]
	scope   string     // set by Bind, mixed into key
	texts   arena      // the data of AppendText events
	refs    []any      // the details values and shared parts events name
	names   *Names     // the state names the log's events name by index (nameTag)
	prevs   []prevLink // the links of the events that do not link to the event before them, in order
	rare    *rareParts // what few logs need; nil until one does
	w       *writer    // what only appends use; nil until the first, and again once Release or Freeze gave it away

	// The first elements of refs, in the log itself: most histories need
	// no more, and then cost no allocation for the slice. (A Log is never
	// copied: NewLog returns a pointer.) A Log must stay at most 320
	// bytes: an engine keeps a log per execution, and each byte it keeps
	// costs it twice in fresh memory, which the kernel hands over a page at
	// a time (TestLogStaysSmall).
	firstRefs  [4]any
	firstChunk [1][]entry // the first element of chunks
}

// writer is what a log needs while it is appended to, and not after: how
// many entries its chunks hold, and the values and texts it stored
// lately, which appends look for before storing them again. A log that
// will not be appended to any more (its execution succeeded) gives its
// writer to a Spare (Release, FreezeInto), for the next log to take: a
// kept log is then 192 bytes smaller, and a new one costs no allocation
// for it.
type writer struct {
	room   int // the entries the chunks can hold
	recent [4]recentRef
	oldest uint8 // the slot of recent to replace next
	texts  textCache
}

// rareParts is what a log needs only in rare cases: a time past 49 days
// after its first event's (epochs), or an entry whose aux does not fit in
// it (bigAux).
type rareParts struct {
	epochs []epoch           // the later bases changes count from, if the log outlived its first
	bigAux map[uint32]uint32 // the aux of the entries that cannot hold theirs (packAux), by index
}

// writer returns the log's writer, made if it has none: a log given a
// Spare's has one from the start; any other gets one at its first append,
// and one that gave its own away (Release) gets a new one if appended to
// again.
func (l *Log) writer() *writer {
	if l.w == nil {
		l.newWriter()
	}
	return l.w
}

func (l *Log) newWriter() {
	w := &writer{}
	for _, c := range l.chunks {
		w.room += len(c)
	}
	l.w = w
}

// rareOf returns the log's rare parts, made if it has none.
func (l *Log) rareOf() *rareParts {
	if l.rare == nil {
		l.rare = &rareParts{}
	}
	return l.rare
}

// recentRef is a shared part stored lately: a task's events share their
// resource's templates, so most are found here and stored once.
type recentRef struct {
	v   any
	ref uint32
}

// entry is one stored event; its id is its index plus one. It holds no
// pointer, so a chunk of entries is one object the garbage collector
// never scans: what an event points to lives in the log's refs and texts,
// where events share it, and its time in the log's list of changes. It
// takes 8 bytes: a history of 25,000 events holds 200 KB of entries.
type entry struct {
	// word holds the type (its index into typeNames, 6 bits), textFlag,
	// chainFlag, and the event's aux packed into 24 bits (packAux),
	// shifted left by 8. Most events link to the event before them: the
	// chain flag says so, and the log lists the others' previousEventIds
	// apart (prevOf), so that an entry needs no room for a link.
	word uint32
	text textRef
}

// The flags of an entry's word.
const (
	textFlag  = 1 << 6 // stored by AppendText: its data is in texts and the rest is shared
	chainFlag = 1 << 7 // its previousEventId is the event before it
)

func (en *entry) typeIndex() int { return int(en.word & (textFlag - 1)) }
func (en *entry) hasText() bool  { return en.word&textFlag != 0 }
func (en *entry) member() int    { return int(memberOfIndex[en.typeIndex()]) }

// An event's aux is, for an AppendText event of a state (members'
// byName), the state's name: its index in the log's Names (tagged with
// nameTag) or the textRef of its text; for any other event with details,
// the index into refs of its details, or of its template. An entry keeps
// it in 24 bits: an aux below 2^23 as it is, a name's index below 2^23-1
// with packedName, and any other (rare: refs or texts past 8 million)
// as auxEscape, its value in the log's bigAux.
const (
	packedName = 1 << 23
	auxEscape  = 1<<24 - 1
)

// prevLink is the previousEventId of an event that does not link to the
// event before it.
type prevLink struct {
	index uint32 // the event's index (its id less one)
	prev  uint32
}

// seal completes entry n (its type already written) with its link, aux,
// text and flags, and records what the entry cannot hold. Call it only
// for an event about to be committed: what it records is final.
// (The straight paths of AppendText and AppendOwned write the entry of an
// event that links to the one before and has a small aux themselves:
// inline, see chained.)
func (l *Log) seal(en *entry, n int, prev int64, aux uint32, text textRef, flags uint32) {
	w := en.word&(textFlag-1) | flags
	if prev == int64(n) {
		w |= chainFlag
	} else {
		l.prevs = append(l.prevs, prevLink{index: uint32(n), prev: uint32(prev)})
	}
	en.word, en.text = w|l.packAux(n, aux)<<8, text
}

// chained reports whether the event n linked to prev with aux fits its
// entry alone, with chainFlag, and returns aux as the entry keeps it: the
// straight paths then write it whole. A state's name by index fits
// (packAux): most Entered and Exited events take this path.
func chained(n int, prev int64, aux uint32) (uint32, bool) {
	switch {
	case prev != int64(n):
		return 0, false
	case aux < packedName:
		return aux, true
	case aux&nameTag == nameTag && aux&^nameTag < auxEscape-packedName: // not emptyText either
		return packedName | aux&^nameTag, true
	}
	return 0, false
}

// packAux returns aux as entry n keeps it (see packedName).
func (l *Log) packAux(n int, aux uint32) uint32 {
	switch {
	case aux < packedName:
		return aux
	case aux&nameTag == nameTag && aux != uint32(emptyText) && aux&^nameTag < auxEscape-packedName:
		return packedName | aux&^nameTag
	}
	return l.escapeAux(n, aux)
}

// escapeAux keeps the aux of entry n apart.
func (l *Log) escapeAux(n int, aux uint32) uint32 {
	r := l.rareOf()
	if r.bigAux == nil {
		r.bigAux = map[uint32]uint32{}
	}
	r.bigAux[uint32(n)] = aux
	return auxEscape
}

// auxOf returns the aux of entry i.
func (l *Log) auxOf(i int, en *entry) uint32 {
	switch a := en.word >> 8; {
	case a < packedName:
		return a
	case a != auxEscape:
		return nameTag | a&^packedName
	default:
		return l.rare.bigAux[uint32(i)]
	}
}

// prevOf returns the previousEventId of entry i.
func (l *Log) prevOf(i int, en *entry) int64 {
	if en.word&chainFlag != 0 {
		return int64(i)
	}
	// The links apart are in the order of their events: the last is tried
	// first (a page is read near the log's end most often), then halved.
	k := len(l.prevs)
	if k > 0 && l.prevs[k-1].index == uint32(i) {
		return int64(l.prevs[k-1].prev)
	}
	j, _ := slices.BinarySearchFunc(l.prevs, uint32(i), func(p prevLink, t uint32) int { return cmp.Compare(p.index, t) })
	return int64(l.prevs[j].prev)
}

// maxLimit is the most events a log can hold: 671 times AWS's quota of
// 25,000, and what page tokens and entries were made for.
const maxLimit = 1<<24 - 1

// timeChange is where the log's time changes: the index of the first event
// at a new time, and that time in milliseconds since the base of its epoch.
type timeChange struct {
	from uint32
	at   uint32
}

// epoch is where the changes start counting from another base: a change
// counts milliseconds in 32 bits, about 49 days, and an execution may stay
// open a year.
type epoch struct {
	from int   // the first change counted from base
	base int64 // Unix milliseconds
}

// millis returns the time of event i (0-based), Unix milliseconds: that
// of the last change of time at or before it. A page reads events near each
// other, most often at the log's end, so the last change is tried first.
func (l *Log) millis(i int) int64 {
	k := len(l.changes)
	switch {
	case k == 0 || uint32(i) < l.changes[0].from:
		return l.base
	case uint32(i) >= l.changes[k-1].from:
		return l.changeMillis(k - 1)
	}
	lo, hi := 0, k-1 // changes[lo].from <= i < changes[hi].from
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if l.changes[mid].from <= uint32(i) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return l.changeMillis(lo)
}

// changeMillis returns the time of change j, Unix milliseconds.
func (l *Log) changeMillis(j int) int64 {
	base := l.base
	if l.rare != nil {
		for _, ep := range l.rare.epochs { // a few at most: an epoch lasts 49 days
			if j < ep.from {
				break
			}
			base = ep.base
		}
	}
	return base + int64(l.changes[j].at)
}

// addChange records that event n, the next, is the first at ms.
func (l *Log) addChange(ms int64) {
	base := l.base
	if l.rare != nil {
		if k := len(l.rare.epochs); k > 0 {
			base = l.rare.epochs[k-1].base
		}
	}
	since := ms - base
	if since > math.MaxUint32 {
		r := l.rareOf()
		r.epochs = append(r.epochs, epoch{from: len(l.changes), base: ms})
		since = 0
	}
	if l.changes == nil {
		l.changes = make([]timeChange, 0, 8) // then doubled: a log whose every event has a time of its own grows it 5 times in its first 100
	}
	l.changes = append(l.changes, timeChange{from: uint32(l.n), at: uint32(since)})
}

// event builds the types.HistoryEvent of entry i (0-based). Its details
// pointer is shared with the log.
func (l *Log) event(i int) types.HistoryEvent {
	r := l.reader()
	return l.eventAt(&r, i)
}

// eventAt is event for a caller that reads several through r.
func (l *Log) eventAt(r *reader, i int) types.HistoryEvent {
	var e types.HistoryEvent
	l.fill(&e, i, r.entry(i), nil)
	return e
}

// fill writes entry i, ent, into the zero event *e in place: only the fields an
// event sets are written, which matters when *e is in a page on the heap
// (the SDK struct has a pointer field per details type, and copying it whole
// costs a write barrier for each while the garbage collector runs). own
// reports that e's details are already its own deep copy, drawn from cl;
// otherwise they are the log's.
func (l *Log) fill(e *types.HistoryEvent, i int, ent entry, cl *cloner) (own bool) {
	en := &ent
	if cl != nil {
		e.Timestamp = cl.time(time.UnixMilli(l.millis(i)).UTC())
	} else {
		t := time.UnixMilli(l.millis(i)).UTC() // declared here so that a page's events do not each allocate one
		e.Timestamp = &t
	}
	e.Id, e.PreviousEventId, e.Type = int64(i)+1, l.prevOf(i, en), typeNames[en.typeIndex()]
	switch member := en.member(); {
	case en.hasText():
		m := members[member]
		var shared any
		name := ""
		if m.byName {
			name = l.nameOf(l.auxOf(i, en))
		} else {
			shared = l.refs[l.auxOf(i, en)]
		}
		m.set(e, m.expand(cl, shared, name, l.text(en.text)))
		return true
	case member != noDetails:
		members[member].set(e, l.refs[l.auxOf(i, en)])
	}
	return false
}

// textCopy returns a pointer to a copy of s's header (the bytes are shared:
// strings are immutable), drawn from cl when there is one.
func textCopy(cl *cloner, s string) *string {
	if cl != nil {
		return cl.str(s)
	}
	c := s // a copy declared here: taking s's address would move s to the heap on every call
	return &c
}

// NewLog returns an empty log that refuses to grow past limit events
// (limit <= 0 means DefaultLimit; a limit over 16,777,215, 671 times AWS's
// quota, means 16,777,215).
func NewLog(limit int) *Log {
	if limit <= 0 {
		limit = DefaultLimit
	}
	return &Log{limit: min(limit, maxLimit)}
}

// maxHint bounds NewLogSized's first chunk of entries, and maxTextHint its
// first chunk of texts, so that a hint taken from an unusually long
// history does not make every later log that large.
const (
	maxHint     = 4096
	maxTextHint = maxTextChunk
)

// Size is how large a log is: its events, and the bytes its texts take
// (their data and lengths, and the ends of chunks a text did not fit in: a
// log sized by this one fits the same texts in fewer). [Log.Size] reports
// it; [NewLogSized] takes it as a hint.
type Size struct {
	Events    int
	TextBytes int
}

// Size returns the log's size, a hint for the next log of its kind.
func (l *Log) Size() Size { return Size{Events: l.n, TextBytes: int(l.texts.end)} }

// NewLogSized is NewLog for a log expected to be about as large as hint
// (the engine passes the size of the state machine's previous history):
// its first chunk of entries holds hint.Events, up to 4,096, and its first
// chunk of texts hint.TextBytes, up to 64 KiB, so that a history as large
// as its hint costs two allocations, and a larger one adds chunks. A hint
// of 0 or less (of either) is NewLog's geometry (for that part).
func NewLogSized(limit int, hint Size) *Log {
	l := NewLog(limit)
	if hint.Events > 0 {
		l.first = min(hint.Events, maxHint, l.limit)
	}
	if hint.TextBytes > 0 {
		l.texts.sized = uint32(min(hint.TextBytes, maxTextHint))
	}
	return l
}

// Append adds an event of type typ at time at, linked to prev (0 for none),
// with details: a pointer to the one *EventDetails struct matching typ, or nil
// for event types that carry none. It returns the new event's id (ids start
// at 1 and are dense). It returns ErrLimit, appending nothing, when the log is
// full.
//
// Append stores a deep copy of details, so the caller may reuse it. A nil
// details for a type that has a details member stores an empty one, as AWS
// reports executionAbortedEventDetails: {} (spec 3.7 I). The timestamp is
// stored in UTC, truncated to [Precision]; a time before the previous
// event's is raised to it, so timestamps never decrease even if the clock
// was set back. Any other bad argument returns an error wrapping
// ErrInvalidEvent and appends nothing.
func (l *Log) Append(typ types.HistoryEventType, prev int64, at time.Time, details any) (int64, error) {
	return l.append(typ, prev, at, details, true)
}

// AppendOwned is Append for a caller that hands over details: the log keeps
// the value itself instead of a deep copy, so the caller must never modify
// it again. The interpreter, which builds a fresh details value for every
// event, uses it.
func (l *Log) AppendOwned(typ types.HistoryEventType, prev int64, at time.Time, details any) (int64, error) {
	// The interpreter's path, for every event it does not append as text
	// (a task's Started event, shared by all the tasks of a resource, and
	// failures): the straight path of AppendText.
	k, known := kindOf(typ)
	d := eface(&details)
	n := l.n
	if !known || !l.fits(n, prev) || at.IsZero() {
		return l.append(typ, prev, at, details, false)
	}
	var aux uint32
	switch {
	case d.typ == nil && k.member < 0: // a type without details (LambdaFunctionStarted, ParallelStateStarted...)
	case d.data != nil && k.member >= 0 && d.typ == members[k.member].ownType:
		aux = l.shareWords(d)
	default:
		return l.append(typ, prev, at, details, false)
	}
	en := l.slot(n)
	if packed, ok := chained(n, prev, aux); ok {
		*en = entry{word: uint32(k.typ) | chainFlag | packed<<8}
	} else {
		en.word = uint32(k.typ)
		l.seal(en, n, prev, aux, 0, 0)
	}
	return l.committed(n, l.millisOf(at)), nil
}

func (l *Log) append(typ types.HistoryEventType, prev int64, at time.Time, details any, copyDetails bool) (int64, error) {
	en, id, ms, err := l.next(typ, prev, at)
	if err != nil {
		return 0, err
	}
	i := en.member()
	var aux uint32
	switch {
	case i == noDetails && details == nil:
		// A type without details (TaskStarted, ParallelStateStarted...).
	case owned(i, details, copyDetails):
		// Handed-over details are never modified, so one the log holds
		// lately (a Task resource's TaskStarted details, shared by all its
		// tasks) is named again, not stored again.
		aux = l.share(details)
	default:
		ts := time.UnixMilli(ms).UTC()
		e := types.HistoryEvent{Id: id, PreviousEventId: prev, Timestamp: &ts, Type: typ}
		if err := setDetails(&e, i, details, copyDetails); err != nil {
			return 0, err
		}
		if i != noDetails {
			aux = l.keep(members[i].get(&e))
		}
	}
	l.seal(en, l.n, prev, aux, 0, 0)
	l.commit(ms)
	return id, nil
}

// next checks an event's type, link and time, and returns the entry of the
// next event, filled but for its details, in its place in the log, its id
// and its time (Unix milliseconds). The entry is not part of the log until
// commit.
func (l *Log) next(typ types.HistoryEventType, prev int64, at time.Time) (*entry, int64, int64, error) {
	switch {
	case l.frozen:
		return nil, 0, 0, ErrFrozen
	case l.n >= l.limit:
		return nil, 0, 0, ErrLimit
	}
	id := int64(l.n) + 1
	k, known := kindOf(typ)
	switch {
	case !known:
		return nil, 0, 0, fmt.Errorf("%w: unknown event type %q", ErrInvalidEvent, typ)
	case prev < 0 || prev >= id:
		return nil, 0, 0, fmt.Errorf("%w: %s event %d: previousEventId %d names no earlier event", ErrInvalidEvent, typ, id, prev)
	case at.IsZero():
		return nil, 0, 0, fmt.Errorf("%w: %s event %d: zero timestamp", ErrInvalidEvent, typ, id)
	}
	ms := at.UnixMilli() // truncates to Precision
	if l.n > 0 && ms < l.lastAt {
		ms = l.lastAt // never before the previous event
	}
	en := l.reserve()
	*en = entry{word: uint32(k.typ)}
	return en, id, ms, nil
}

// commit makes the entry next returned, at time ms, the log's last event.
func (l *Log) commit(ms int64) { l.committed(l.n, ms) }

// timeFrom records that event n, the next, is at ms, the first event or
// the first at a new time. It is kept out of line: inlined, it would make
// committed, which every append calls, too large to inline itself.
//
//go:noinline
func (l *Log) timeFrom(ms int64) {
	if l.n == 0 {
		l.base = ms
	} else {
		l.addChange(ms)
	}
	l.lastAt = ms
}

// AppendText appends an event whose data (its Input, Output or
// Parameters) is text and whose other details are shared, so that the event
// costs the log no allocation of its own. shared is, by type:
//
//   - <State>StateEntered and <State>StateExited: the state's name, a *string
//     (the name is copied, like text);
//   - TaskScheduled, TaskSucceeded, TaskSubmitted, LambdaFunctionScheduled,
//     LambdaFunctionSucceeded, ActivityScheduled, ActivitySucceeded,
//     ExecutionStarted and ExecutionSucceeded: a template of the type's
//     details whose data member is ignored.
//
// The data's *Details member (InputDetails, OutputDetails) reads as not
// truncated. shared is kept, not copied, so the caller must never modify
// it; reads build the details anew. Other types, or a shared value of the
// wrong type, return an error wrapping ErrInvalidEvent.
func (l *Log) AppendText(typ types.HistoryEventType, prev int64, at time.Time, shared any, text string) (int64, error) {
	// Every state the interpreter runs appends its events here, so the
	// common case is one straight path, its steps inlined and each of
	// them the likeliest case first: one lookup of the type, a check of
	// the shared value by its type word, the last name and text tried
	// before any other, and the entry written whole. Anything it does not
	// take goes the checked way, which says why.
	k, known := kindOf(typ)
	sh := eface(&shared)
	n := l.n
	if !known || !l.fits(n, prev) || at.IsZero() || sh.data == nil || k.member < 0 {
		return l.appendTextChecked(typ, prev, at, shared, text)
	}
	m := &members[k.member]
	if sh.typ != m.sharedType && (sh.typ != nameType || !m.byName) {
		return l.appendTextChecked(typ, prev, at, shared, text) // a member AppendText cannot store has no sharedType
	}
	var aux uint32
	switch {
	case !m.byName:
		aux = l.shareWords(sh)
	case sh.typ == nameType: // a state entered or exited, shared its name
		aux = l.nameAux((*Name)(sh.data))
	default:
		aux = uint32(l.storeText(*(*string)(sh.data)))
	}
	ref := l.writer().texts.lastRef(text)
	if ref == noRef {
		ref = l.storeText(text)
	}
	en := l.slot(n)
	if packed, ok := chained(n, prev, aux); ok {
		*en = entry{word: uint32(k.typ) | textFlag | chainFlag | packed<<8, text: ref}
	} else {
		en.word = uint32(k.typ)
		l.seal(en, n, prev, aux, ref, textFlag)
	}
	return l.committed(n, l.millisOf(at)), nil
}

// fits reports whether the log has room for event n+1 and prev names an
// earlier event (or none).
func (l *Log) fits(n int, prev int64) bool {
	return n < l.limit && uint64(prev) <= uint64(n) && !l.frozen
}

// millisOf returns the time an event appended at at keeps, Unix
// milliseconds: at truncated to Precision, never before the last event's.
func (l *Log) millisOf(at time.Time) int64 {
	ms := at.UnixMilli()
	if l.n > 0 && ms < l.lastAt {
		return l.lastAt
	}
	return ms
}

// slot returns the place of entry n, the next.
func (l *Log) slot(n int) *entry {
	if c := l.firstChunk[0]; n < len(c) { // the first chunk: a log sized by its hint holds all its events there
		return &c[n]
	}
	return l.reserve()
}

// committed makes entry n, written at time ms, the log's last event, and
// returns its id.
func (l *Log) committed(n int, ms int64) int64 {
	if n == 0 || ms != l.lastAt {
		l.timeFrom(ms)
	}
	l.n = n + 1
	return int64(n) + 1
}

// nameAux returns the aux of an event of the state named by nm: its index
// in the log's Names, if the log has none yet or these (the names of a
// machine are shared by all the logs of its executions, and never stored
// in any), or else its text stored like any other.
func (l *Log) nameAux(nm *Name) uint32 {
	if nm.t != l.names {
		if l.names != nil || nm.t == nil {
			return uint32(l.storeText(nm.String()))
		}
		l.names = nm.t
	}
	return nameTag | nm.i
}

// nameOf returns the name an event's aux names (see nameAux).
func (l *Log) nameOf(aux uint32) string {
	if aux&nameTag == nameTag && aux != uint32(emptyText) {
		return l.names.names[aux&^nameTag]
	}
	return l.text(textRef(aux))
}

// appendTextChecked is AppendText for what its straight path does not
// take: it checks every argument and returns the error that says what is
// wrong, or appends the event.
func (l *Log) appendTextChecked(typ types.HistoryEventType, prev int64, at time.Time, shared any, text string) (int64, error) {
	en, id, ms, err := l.next(typ, prev, at)
	if err != nil {
		return 0, err
	}
	i := en.member()
	if i == noDetails {
		return 0, fmt.Errorf("%w: %s event %d cannot share details %T", ErrInvalidEvent, typ, id, shared)
	}
	var aux uint32
	switch m := &members[i]; {
	case m.byName:
		if nm, ok := shared.(*Name); ok && nm != nil {
			aux = l.nameAux(nm)
			break
		}
		name, ok := shared.(*string)
		if !ok || name == nil {
			return 0, fmt.Errorf("%w: %s event %d cannot share details %T", ErrInvalidEvent, typ, id, shared)
		}
		aux = uint32(l.storeText(*name))
	case m.expand == nil || !m.sharable(shared):
		return 0, fmt.Errorf("%w: %s event %d cannot share details %T", ErrInvalidEvent, typ, id, shared)
	default:
		aux = l.share(shared)
	}
	l.seal(en, l.n, prev, aux, l.storeText(text), textFlag)
	l.commit(ms)
	return id, nil
}

// Keep stores text, an event's data to come, in the log and returns it as
// a string that shares the log's copy: appended next with AppendText, and
// again after, it costs no copy. A caller that builds its text (encodes a
// value) into a buffer it reuses thus allocates nothing for it. A text kept
// and never appended stays in the log, unread.
func (l *Log) Keep(text []byte) string {
	if s, ok := l.writer().texts.keep(&l.texts, text); ok {
		return s
	}
	return string(text) // too long for the arena: AppendText keeps it in refs
}

// storeText stores a text in the arena, or in refs if the arena cannot
// take it.
func (l *Log) storeText(s string) textRef {
	if ref, ok := l.writer().texts.store(&l.texts, s); ok {
		return ref
	}
	return refText | textRef(l.keep(s))
}

// text returns the text at ref.
func (l *Log) text(ref textRef) string {
	if ref != emptyText && ref&refText != 0 {
		return l.refs[ref&^refText].(string)
	}
	return l.texts.text(ref)
}

// keep stores a details value for one event and returns its index in refs.
func (l *Log) keep(v any) uint32 {
	if l.refs == nil {
		l.refs = l.firstRefs[:0]
	}
	l.refs = append(l.refs, v)
	return uint32(len(l.refs) - 1)
}

// share is keep for a value many events may name (a pointer, compared as
// such): one stored lately is found again instead of stored twice.
func (l *Log) share(v any) uint32 { return l.shareWords(eface(&v)) }

// shareWords is share for the interface words of v. Every value shared is
// a pointer, so two are the same when their words are: comparing the words
// costs no call to the runtime's interface equality.
func (l *Log) shareWords(v *emptyInterface) uint32 {
	w := l.writer()
	for i := range w.recent {
		if r := eface(&w.recent[i].v); r.data == v.data && r.typ == v.typ {
			return w.recent[i].ref
		}
	}
	val := *(*any)(unsafe.Pointer(v))
	ref := l.keep(val)
	w.recent[w.oldest] = recentRef{v: val, ref: ref}
	w.oldest = (w.oldest + 1) % uint8(len(w.recent))
	return ref
}

// owned reports whether details can be stored as it is: handed over, of
// member i's type, and not nil.
func owned(i int, details any, copyDetails bool) bool {
	return !copyDetails && i != noDetails && members[i].holds(details)
}

// setDetails stores details (a copy when copyDetails) in member i of e
// (noDetails for none).
func setDetails(e *types.HistoryEvent, i int, details any, copyDetails bool) error {
	if i == noDetails {
		if !isNil(details) {
			return fmt.Errorf("%w: %s event %d carries no details, got %T", ErrInvalidEvent, e.Type, e.Id, details)
		}
		return nil
	}
	m := members[i]
	if isNil(details) {
		if details != nil && !m.set(e, details) {
			return fmt.Errorf("%w: %s event %d takes %v, got %T", ErrInvalidEvent, e.Type, e.Id, m.typ, details)
		}
		m.empty(e)
		return nil
	}
	if !m.set(e, details) {
		return fmt.Errorf("%w: %s event %d takes %v, got %T", ErrInvalidEvent, e.Type, e.Id, m.typ, details)
	}
	if copyDetails {
		cloneMembers(nil, e) // the caller keeps its own details
	}
	return nil
}

// Len returns the number of events.
func (l *Log) Len() int { return l.n }

// chunkBits sets the size of the full chunks: 256 events. The first four
// chunks are smaller (16, 32, 64 and 128 events), so a short history stays
// small, and no chunk ever grows: a longer log adds a chunk, never copies.
const (
	chunkBits  = 8
	firstChunk = 16
	smallTotal = 16 + 32 + 64 + 128 // events held by the small chunks
)

// at returns entry i (0-based).
func (l *Log) at(i int) *entry {
	if l.first > 0 {
		if i < l.first {
			return &l.chunks[0][i]
		}
		j := i - l.first
		return &l.chunks[1+j>>chunkBits][j&(1<<chunkBits-1)]
	}
	if i < smallTotal {
		k := bits.Len(uint(i+firstChunk)) - 5 // 16..31 → 0, 32..63 → 1, ...
		return &l.chunks[k][i+firstChunk-firstChunk<<k]
	}
	j := i - smallTotal
	return &l.chunks[4+j>>chunkBits][j&(1<<chunkBits-1)]
}

// reserve returns the slot of the next entry, adding a chunk when the log
// is full. Chunks are made full length, so the slot is written in place.
func (l *Log) reserve() *entry {
	if w := l.writer(); l.n == w.room {
		size := 1 << chunkBits
		switch k := len(l.chunks); {
		case l.first > 0 && k == 0:
			size = l.first
		case l.first == 0 && k < 4:
			size = firstChunk << k
		}
		if l.chunks == nil {
			l.chunks = l.firstChunk[:0] // most logs never need a second chunk
		}
		l.chunks = append(l.chunks, make([]entry, size))
		w.room += size
	}
	return l.at(l.n)
}

// Limit returns the log's event limit.
func (l *Log) Limit() int { return l.limit }

// Event returns the event with the given id (1-based) and whether it exists.
// The returned value shares details with the log: callers must not modify it.
func (l *Log) Event(id int64) (types.HistoryEvent, bool) {
	if id < 1 || id > int64(l.n) {
		return types.HistoryEvent{}, false
	}
	return l.event(int(id - 1)), true
}

// Events returns the log's events in order, in a new slice whose details are
// shared with the log: callers must not modify the details. It costs O(n);
// Event and Len give random access without it.
func (l *Log) Events() []types.HistoryEvent {
	events := make([]types.HistoryEvent, l.n)
	r := l.reader()
	for i := range l.n {
		events[i] = l.eventAt(&r, i)
	}
	return events
}
