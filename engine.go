package sfnmem

import (
	"encoding/base64"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/internal/idmap"
	"github.com/sfnmem/sfnmem/internal/uuid"
	"github.com/sfnmem/sfnmem/interp"
	"github.com/sfnmem/sfnmem/redrive"
)

// Engine is an in-memory Step Functions service. Its API methods have exactly
// the signatures of [sfn.Client]'s, so an *Engine stands in wherever code
// takes an interface over the client. It is safe for concurrent use.
type Engine struct {
	clock clock.Clock // set once in New; never nil
	cfg   config
	// lastInput is the execution input decoded last (decodeInput), read
	// and written without mu: StartExecution checks its input first.
	lastInput atomic.Pointer[decodedInput]

	mu          sync.Mutex // guards every field below
	handlers    map[string]TaskHandler
	lastHandler handlerMemo                                // the last lookup in handlers (handlerLocked)
	lambdaKeys  map[string][]string                        // functionKeys by FunctionName (functionKeysLocked)
	machines    map[string]*stateMachine                   // by unqualified ARN
	machineSeq  []*stateMachine                            // in creation order
	executions  executionIndex                             // by ARN and by start order (exec_index.go)
	byMachine   map[string][]*executionState               // by state machine ARN, in start order
	statusIndex map[string]map[types.ExecutionStatus][]int // positions in byMachine by status (list_index.go)
	tasks       map[string]*executionState                 // task token prefixes of another form (restored from older snapshots) → execution
	open        int                                        // Standard executions RUNNING now
	mapRuns     map[string]*mapRunState                    // by Map Run ARN
	inflight    map[string]inflightCall                    // bounded handler calls running now, by task token (made on first use)
	waiters     map[*executionState][]chan struct{}        // StartSyncExecution callers, woken when it closes (made on first use)
	objects     objectStore                                // what ItemReader reads and ResultWriter writes
	results     resultCache                                // handlers' recent results, decoded (results.go)
	resources   interp.Resources                           // Task resources parsed once for every run
	pieces      byteBlock                                  // room for task tokens and handler inputs (blocks.go)
	rnd         *rand.Rand
	pcg         *rand.PCG // rnd's source, kept so Snapshot can save its state
	// unpacked is how many events the succeeded histories the engine keeps
	// unfrozen hold; past freezeAbove, each history that succeeds is frozen
	// (keepSucceededLocked).
	unpacked    int
	freezeAbove int
	spare       history.Spare // the entries a frozen history no longer needs, for the next one
	spareOpen   *openParts    // the open parts of the execution that succeeded last, for the next execution (keepSucceededLocked)
}

// newOpenLocked returns empty open parts for an execution about to start,
// and a run whose memory its run may take (interp.Config.Spare): those the
// execution that succeeded last gave up (spareOpen), and its run, or new
// parts and nil. What is spare is given once.
func (e *Engine) newOpenLocked() (*openParts, *interp.Run) {
	o := e.spareOpen
	if o == nil {
		return new(openParts), nil
	}
	e.spareOpen = nil
	spare := o.run
	*o = openParts{}
	return o, spare
}

// freezeAbove is how many events the succeeded histories an engine keeps
// may hold unpacked (8 MiB of entries): past it, every history that
// succeeds is frozen (history.Log.Freeze), packed from 8 bytes an event to
// 1 to 3. Packing costs about 30 instructions an event, which an engine
// that keeps a test's few hundred executions would pay for nothing; one
// that keeps an emulator's tens of thousands saves over half its memory.
const freezeAbove = 1 << 20

// executionState is everything the engine holds about one execution.
// The definition it started with is not kept here: its run holds it
// (interp.Config.Definition) and is the only reader, across redrives too;
// Restore parses it again from source's text (resolver.def).
type executionState struct {
	x      execution.Execution
	pos    int              // index in e.byMachine of its state machine (top-level executions)
	seq    int              // start order across the engine, unique (executionIndex); its task tokens name it
	source *machineSnapshot // the state machine as it started with it, and the machine itself; shared, never modified
	log    *history.Log
	open   *openParts // nil once it has succeeded (keepSucceededLocked), never before
	rare   *rareParts // nil until it needs one (rareParts)
}

// machine returns the state machine x is an execution of (for a Map Run
// child, its parent's).
func (x *executionState) machine() *stateMachine { return x.source.machine }

// openParts is what only an execution that has not succeeded needs: its
// run, the clock timers armed for it and its task tokens. A FAILED,
// TIMED_OUT or ABORTED execution keeps them, since a redrive continues its
// run; one that succeeded can never change again, and gives them up, its
// run included, to the next execution to start (keepSucceededLocked,
// newOpenLocked), which so allocates neither. Whoever reads them reads
// x.open when it needs them, under the lock: an execution that succeeded
// since has none, and never gets them back.
type openParts struct {
	run    *interp.Run            // never nil
	timers idmap.Map[clock.Timer] // the clock timers armed for run, by the run's timer id
	tasks  taskTokens             // its task tokens; the run holds a pointer to it
}

// rareParts is what only some executions hold: a Distributed Map's links
// to its Map Runs, a Map Run child's to its Map Run, and the client tokens
// of redrives. The common execution has none of these and keeps a nil
// pointer in their place (64 bytes less, and nothing more to mark).
type rareParts struct {
	tokens  redrive.Tokens // RedriveExecution's client tokens (redrive_execution.go)
	mapRun  *mapRunState   // the Map Run that started this child execution; nil otherwise
	child   *mapChild      // this child's place in that Map Run
	mapRuns []*mapRunState // the Map Runs this execution started, in order
}

// rareParts returns x's rare parts, made on first use.
func (x *executionState) rareParts() *rareParts {
	if x.rare == nil {
		x.rare = new(rareParts)
	}
	return x.rare
}

// mapRun returns the Map Run that started x, or nil when it is not a Map
// Run child.
func (x *executionState) mapRun() *mapRunState {
	if x.rare == nil {
		return nil
	}
	return x.rare.mapRun
}

// child returns x's place in the Map Run that started it (mapRun), or nil.
func (x *executionState) child() *mapChild {
	if x.rare == nil {
		return nil
	}
	return x.rare.child
}

// mapRuns returns the Map Runs x started, in order.
func (x *executionState) mapRuns() []*mapRunState {
	if x.rare == nil {
		return nil
	}
	return x.rare.mapRuns
}

// redriveTokens returns x's redrive client tokens, or nil (which a
// redrive.Tokens reads as none) when it has never remembered one.
func (x *executionState) redriveTokens() *redrive.Tokens {
	if x.rare == nil {
		return nil
	}
	return &x.rare.tokens
}

// New returns an empty engine.
func New(opts ...Option) *Engine {
	cfg := defaults()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.clock == nil {
		cfg.clock = clock.Real()
	}
	if cfg.historyLimit <= 0 {
		cfg.historyLimit = history.DefaultLimit
	}
	if cfg.maxOpenExecutions <= 0 {
		cfg.maxOpenExecutions = 1_000_000
	}
	pcg := rand.NewPCG(cfg.seed, cfg.seed^0x5f6e6d656d)
	return &Engine{
		clock:       cfg.clock,
		cfg:         cfg,
		handlers:    map[string]TaskHandler{},
		machines:    map[string]*stateMachine{},
		executions:  newExecutionIndex(),
		byMachine:   map[string][]*executionState{},
		statusIndex: map[string]map[types.ExecutionStatus][]int{},
		tasks:       map[string]*executionState{},
		rnd:         rand.New(pcg),
		pcg:         pcg,
		freezeAbove: freezeAbove,
	}
}

// now returns the engine time in UTC, at the millisecond precision AWS
// reports (docs/decisions.md, "Time precision").
func (e *Engine) now() time.Time {
	// UnixMilli floors to the millisecond as Truncate does (a time's
	// nanoseconds are never negative), in a few multiplications where
	// Truncate divides a 96-bit count: the engine asks at every task.
	return time.UnixMilli(e.clock.Now().UnixMilli()).UTC()
}

// uuidLocked returns a version-4 UUID from the engine's random source.
func (e *Engine) uuidLocked() string {
	return uuid.Format(e.uuidBytesLocked())
}

// uuidBytesLocked returns the 16 bytes of uuidLocked's next UUID.
func (e *Engine) uuidBytesLocked() (b [16]byte) {
	for i := range b {
		b[i] = byte(e.rnd.Uint32())
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return b
}

// executionARNByUUIDLocked returns the ARN of an execution of m named by
// uuidLocked's next UUID; the name is the ARN's last uuid.Len bytes. The
// name is never a string of its own: the record keeps the ARN anyway, and
// the name as a part of it.
func (e *Engine) executionARNByUUIDLocked(m *stateMachine) string {
	var name [uuid.Len]byte
	uuid.Put(&name, e.uuidBytesLocked())
	return m.executionARN(unsafe.String(&name[0], len(name)))
}

// taskTokens makes the task tokens of one execution. The token of the
// task scheduled by event id is prefix (appendTokenPrefix's, and a dot)
// and the id, stable across runs and unique across the engine. The engine finds the
// execution of any token it issued from the prefix alone: it names the
// execution's seq (tokenSeq, executionIndex.bySeq), so the engine keeps
// nothing per execution for its tokens. The prefix is made when the first
// token is asked for, and tokens are cut from blk. The engine keeps one in
// each execution's openParts and hands the run a pointer to it, which
// costs no allocation.
type taskTokens struct {
	seq    int    // the execution's seq, unique in its engine, which the prefix names
	prefix string // made on the first token: most executions of a Pass-only machine never need one
	blk    *byteBlock
}

// TokenFor returns the token of the task scheduled by event id: the
// prefix and id in decimal, written in place into a piece of a shared
// block (every task asks, so it copies the prefix once and appends
// nothing).
func (t *taskTokens) TokenFor(id int64) string {
	t.makePrefix()
	n := uint64(id)
	digits := 1
	for m := n; m >= 10; m /= 10 {
		digits++
	}
	b := t.blk.take(len(t.prefix) + digits)
	b = b[:cap(b)]
	copy(b, t.prefix)
	for i := len(b) - 1; i >= len(t.prefix); i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return unsafe.String(unsafe.SliceData(b), len(b)) // the piece is never written again
}

// startTokens sets the task tokens of o up for the execution x and
// returns them for the run's Config.
func (o *openParts) startTokens(x *executionState, blk *byteBlock) *taskTokens {
	o.tasks = taskTokens{seq: x.seq, blk: blk}
	return &o.tasks
}

// makePrefix makes the tokens' prefix if it is not made yet.
func (t *taskTokens) makePrefix() {
	if t.prefix == "" {
		t.prefix = string(append(appendTokenPrefix(make([]byte, 0, maxTokenPrefix+1), t.seq), '.'))
	}
}

// maxTokenPrefix is the most appendTokenPrefix appends.
const maxTokenPrefix = 3 + 12

// appendTokenPrefix appends to b the prefix of the task tokens of the
// execution with seq: "AQB" and seq in base64url, big-endian in 3 bytes (4
// characters) up to 16,777,215 and in 9 (12) past it. seq names the
// execution in its engine, never twice (an engine never forgets an
// execution), so the prefix is as short as a unique name can be: every
// task's token is a new string, and in an engine that keeps many
// executions each byte of garbage costs a miss in the cache (a prefix of
// 96 bits of the SHA-256 of the ARN, 19 characters, made a 50-Task
// execution allocate 0.6 KB more, and hash its ARN).
//
// seq is scrambled first, by a bijection (an odd multiplier and an offset,
// modulo the width), so that tokens look as opaque as AWS's and a token
// made up by hand ("AQBAAAA.1") is unlikely to name an execution.
func appendTokenPrefix(b []byte, seq int) []byte {
	b = append(b, "AQB"...)
	if seq < 1<<24 {
		v := (uint32(seq)*scramble24 + offset24) & mask24
		return base64.RawURLEncoding.AppendEncode(b, []byte{byte(v >> 16), byte(v >> 8), byte(v)})
	}
	var v [9]byte
	binary.BigEndian.PutUint64(v[1:], uint64(seq)*scramble64+offset64)
	return base64.RawURLEncoding.AppendEncode(b, v[:])
}

// The bijections that scramble a seq, and their inverses.
const (
	scramble24, offset24, mask24 = 0x9e3779, 0x5bd1e9, 1<<24 - 1
	scramble64, offset64         = 0x9e3779b97f4a7c15, 0x5bd1e995
)

var unscramble24, unscramble64 = uint32(inverseOdd(scramble24)) & mask24, inverseOdd(scramble64)

// inverseOdd returns the inverse of the odd a modulo 2^64 (Newton's
// iteration, each step doubling the bits that are right: 3, 6, ... 96).
func inverseOdd(a uint64) uint64 {
	x := a
	for range 5 {
		x *= 2 - a*x
	}
	return x
}

// tokenSeq returns the seq a token prefix (tokenExecutionKey) names, if it
// is one appendTokenPrefix makes.
func tokenSeq(key string) (int, bool) {
	if len(key) != 3+4 && len(key) != maxTokenPrefix || key[:3] != "AQB" {
		return 0, false
	}
	var v [9]byte
	n, err := base64.RawURLEncoding.Decode(v[:], []byte(key[3:]))
	if err != nil {
		return 0, false
	}
	var seq uint64
	if n == 3 {
		seq = uint64((uint32(v[0])<<16 | uint32(v[1])<<8 | uint32(v[2]) - offset24) * unscramble24 & mask24)
	} else {
		seq = (binary.BigEndian.Uint64(v[1:]) - offset64) * unscramble64
	}
	if seq > math.MaxInt || string(appendTokenPrefix(make([]byte, 0, maxTokenPrefix), int(seq))) != key {
		return 0, false // not as appendTokenPrefix writes it: no execution's
	}
	return int(seq), true
}

// tokenExecutionKey returns the part of a token that names its execution.
func tokenExecutionKey(token string) string {
	if i := strings.LastIndexByte(token, '.'); i > 0 {
		return token[:i]
	}
	return token
}

func (e *Engine) stateMachineARN(name string) string {
	return execution.StateMachineARN(e.cfg.partition, e.cfg.region, e.cfg.account, name)
}

// engineRand adapts the engine's source to intrinsic.Rand. It is used only
// with e.mu held.
type engineRand struct{ e *Engine }

func (r engineRand) Int64N(n int64) int64 { return r.e.rnd.Int64N(n) }
func (r engineRand) UUID() string         { return r.e.uuidLocked() }
