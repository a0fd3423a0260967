package sfnmem

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/interp"
	"github.com/sfnmem/sfnmem/maprun"
	"github.com/sfnmem/sfnmem/redrive"
)

// SnapshotVersion is the version of the snapshot format [Engine.Snapshot]
// writes. [Engine.Restore] reads this version and refuses any other.
const SnapshotVersion = 1

// snapshotFormat names the format in every snapshot, so that Restore can
// tell a snapshot from some other JSON document.
const snapshotFormat = "sfnmem.snapshot"

// Errors Restore returns, wrapped with the detail of what was wrong.
var (
	// ErrSnapshotCorrupt is returned for input that is not a well-formed
	// snapshot: not JSON, not a snapshot, or state that does not fit.
	ErrSnapshotCorrupt = errors.New("sfnmem: corrupt snapshot")
	// ErrSnapshotVersion is returned for a snapshot of another format version.
	ErrSnapshotVersion = errors.New("sfnmem: unsupported snapshot version")
	// ErrRestoreNotEmpty is returned by Restore on an engine that already
	// holds state machines, executions, Map Runs or objects.
	ErrRestoreNotEmpty = errors.New("sfnmem: restore into an engine that is not empty")
)

// snapshot is the document Snapshot writes. Machines, executions and Map
// Runs refer to each other by their index in these lists.
type snapshot struct {
	Format     string
	Version    int
	Partition  string
	Region     string
	Account    string
	Rand       []byte // the PCG state, as its MarshalBinary writes it
	Open       int
	Machines   []machineRecord
	Registered []int // e.machineSeq, as machine indexes
	Executions []executionRecord
	ByMachine  []machineExecutions
	MapRuns    []mapRunRecord
	Tokens     []tokenRecord
	Objects    []objectRecord
}

type machineRecord struct {
	ARN, Name, Definition, RoleArn string
	Type                           types.StateMachineType
	Status                         types.StateMachineStatus
	Created                        time.Time
	Description                    string
	Logging                        *types.LoggingConfiguration
	Tracing                        *types.TracingConfiguration
	Revision                       string
	Seq                            int
	Versions                       []versionRecord // by number
	LastVersion                    int64
	Aliases                        []aliasRecord // by name
	AliasSeq                       int
	Tags                           map[string]string `json:",omitempty"`
}

type versionRecord struct {
	ARN                   string
	Number                int64
	Created               time.Time
	Description, Revision string
	Definition, RoleArn   string
	Logging               *types.LoggingConfiguration
	Tracing               *types.TracingConfiguration
}

type aliasRecord struct {
	ARN, Name, Description string
	Routes                 []routeRecord
	Created, Updated       time.Time
	Seq                    int
}

type routeRecord struct {
	Version int64
	Weight  int32
}

type executionRecord struct {
	Record       execution.Execution
	Seq          int
	Machine      int
	Source       sourceRecord
	HistoryLimit int
	Events       []types.HistoryEvent
	Run          *interp.RunState `json:",omitempty"` // absent for a SUCCEEDED execution, which keeps no run
	ClientTokens []clientToken    // oldest first
	MapRun       int              // the Map Run that started it; -1 for none
	Child        int              // its child index in that Map Run
	MapRuns      []int            // the Map Runs it started, in order
}

type sourceRecord struct {
	Definition, RoleArn, Revision string
	Logging                       *types.LoggingConfiguration
	Tracing                       *types.TracingConfiguration
	Updated                       time.Time
}

type clientToken struct {
	Token       string
	RedriveDate time.Time
}

type machineExecutions struct {
	ARN        string
	Executions []int
}

type mapRunRecord struct {
	Record   maprun.MapRun
	Parent   int
	State    string // the Distributed Map state, by name (names are unique in a definition)
	Label    string
	Redrive  bool
	Input    json.RawMessage
	Context  json.RawMessage
	Express  bool
	Children []mapChildRecord
	Queue    []int // child indexes
	Started  []int // execution indexes
	Failing  bool
	Aborting bool
	ReadOK   bool
}

type mapChildRecord struct {
	Input     string
	Items     int64
	Execution int // -1 until started
}

// tokenRecord maps a task token key (tokenExecutionKey: every token of one
// execution shares it) to the execution.
type tokenRecord struct {
	Token     string
	Execution int
}

type objectRecord struct {
	Bucket, Key string
	Body        []byte
	Modified    time.Time
}

// Snapshot writes the engine's whole state to w as versioned JSON
// ([SnapshotVersion]): state machines with their versions and aliases,
// executions with their histories, interpreter state (open runs and what
// closed runs keep for a redrive), redrive client tokens, task tokens, Map
// Runs, the object store, the random source and every pending timer with
// its deadline. [Engine.Restore] reads it into a new engine.
//
// Task handlers are Go functions and are not part of a snapshot: register
// the same ones on the restored engine with [Engine.HandleTask]. A handler
// call in flight when the snapshot is taken is not carried either: its task
// is restored open, waiting for SendTaskSuccess, SendTaskFailure or its
// timeout, and the handler is not called again.
func (e *Engine) Snapshot(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	e.mu.Lock()
	s, err := e.snapshotLocked()
	if err == nil {
		// Encoded under the lock: the snapshot shares immutable strings
		// and slices with the engine, but nothing should be read unlocked.
		err = enc.Encode(s)
	}
	e.mu.Unlock()
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// snapshotLocked copies the engine's state into a snapshot. Call with e.mu held.
func (e *Engine) snapshotLocked() (*snapshot, error) {
	rnd, err := e.pcg.MarshalBinary()
	if err != nil {
		return nil, err
	}
	s := &snapshot{
		Format: snapshotFormat, Version: SnapshotVersion,
		Partition: e.cfg.partition, Region: e.cfg.region, Account: e.cfg.account,
		Rand: rnd, Open: e.open,
	}
	xs := e.sortedExecutionsLocked()
	xIndex := make(map[*executionState]int, len(xs))
	for i, x := range xs {
		xIndex[x] = i
	}
	mIndex := s.snapshotMachines(e, xs)
	mrs, mrIndex := e.sortedMapRunsLocked(xs)
	for _, x := range xs {
		rec, err := snapshotExecution(x, mIndex, mrIndex, e.now())
		if err != nil {
			return nil, err
		}
		s.Executions = append(s.Executions, rec)
	}
	for _, mr := range mrs {
		s.MapRuns = append(s.MapRuns, snapshotMapRun(mr, xIndex))
	}
	for _, arn := range sortedKeys(e.byMachine) {
		me := machineExecutions{ARN: arn}
		for _, x := range e.byMachine[arn] {
			me.Executions = append(me.Executions, xIndex[x])
		}
		s.ByMachine = append(s.ByMachine, me)
	}
	for _, tok := range sortedKeys(e.tasks) {
		i, ok := xIndex[e.tasks[tok]]
		if !ok {
			return nil, fmt.Errorf("sfnmem: snapshot: task token of an unknown execution")
		}
		s.Tokens = append(s.Tokens, tokenRecord{Token: tok, Execution: i})
	}
	for _, b := range sortedKeys(e.objects.buckets) {
		for _, k := range sortedKeys(e.objects.buckets[b]) {
			o := e.objects.buckets[b][k]
			s.Objects = append(s.Objects, objectRecord{Bucket: b, Key: k, Body: o.body, Modified: o.modified})
		}
	}
	return s, nil
}

// sortedExecutionsLocked lists every execution in start order.
func (e *Engine) sortedExecutionsLocked() []*executionState {
	return e.executions.listed()
}

// sortedMapRunsLocked lists every Map Run: those of each execution in
// order, then any other, by ARN.
func (e *Engine) sortedMapRunsLocked(xs []*executionState) ([]*mapRunState, map[*mapRunState]int) {
	var mrs []*mapRunState
	index := map[*mapRunState]int{}
	add := func(mr *mapRunState) {
		if _, ok := index[mr]; !ok {
			index[mr] = len(mrs)
			mrs = append(mrs, mr)
		}
	}
	for _, x := range xs {
		for _, mr := range x.mapRuns() {
			add(mr)
		}
	}
	for _, arn := range sortedKeys(e.mapRuns) {
		add(e.mapRuns[arn])
	}
	return mrs, index
}

// snapshotMachines records the registered machines, then any machine only
// an execution still refers to (one deleted since).
func (s *snapshot) snapshotMachines(e *Engine, xs []*executionState) map[*stateMachine]int {
	index := map[*stateMachine]int{}
	add := func(m *stateMachine) int {
		if i, ok := index[m]; ok {
			return i
		}
		index[m] = len(s.Machines)
		s.Machines = append(s.Machines, snapshotMachine(m))
		return index[m]
	}
	for _, m := range e.machineSeq {
		s.Registered = append(s.Registered, add(m))
	}
	for _, x := range xs {
		add(x.machine())
	}
	return index
}

func snapshotMachine(m *stateMachine) machineRecord {
	rec := machineRecord{
		ARN: m.arn, Name: m.name, Definition: m.definition, RoleArn: m.roleArn, Type: m.typ,
		Status: m.status, Created: m.created, Description: m.description,
		Logging: m.logging, Tracing: m.tracing, Revision: m.revision, Seq: m.seq,
		LastVersion: m.lastVersion, AliasSeq: m.aliasSeq, Tags: m.tags,
	}
	for _, n := range sortedKeys(m.versions) {
		v := m.versions[n]
		rec.Versions = append(rec.Versions, versionRecord{
			ARN: v.arn, Number: v.number, Created: v.created, Description: v.description,
			Revision: v.revision, Definition: v.definition, RoleArn: v.roleArn,
			Logging: v.logging, Tracing: v.tracing,
		})
	}
	for _, name := range sortedKeys(m.aliases) {
		al := m.aliases[name]
		ar := aliasRecord{ARN: al.arn, Name: al.name, Description: al.description,
			Created: al.created, Updated: al.updated, Seq: al.seq}
		for _, r := range al.routes {
			ar.Routes = append(ar.Routes, routeRecord{Version: r.version.number, Weight: r.weight})
		}
		rec.Aliases = append(rec.Aliases, ar)
	}
	return rec
}

func snapshotExecution(x *executionState, mIndex map[*stateMachine]int, mrIndex map[*mapRunState]int, now time.Time) (executionRecord, error) {
	var run *interp.RunState
	switch {
	case x.open != nil:
		st, err := x.open.run.Snapshot()
		if err != nil {
			return executionRecord{}, err
		}
		run = &st
	case x.x.Status != types.ExecutionStatusSucceeded:
		return executionRecord{}, fmt.Errorf("sfnmem: snapshot: execution %s has no run", x.x.ARN)
	}
	tokens, err := clientTokens(x.redriveTokens(), now)
	if err != nil {
		return executionRecord{}, err
	}
	src := x.source
	rec := executionRecord{
		Record: x.x, Seq: x.seq, Machine: mIndex[x.machine()],
		Source: sourceRecord{Definition: src.definition, RoleArn: src.roleArn, Revision: src.revision,
			Logging: src.logging, Tracing: src.tracing, Updated: src.updated},
		HistoryLimit: x.log.Limit(), Events: x.log.Events(), Run: run, ClientTokens: tokens,
		MapRun: -1, Child: -1,
	}
	if mr := x.mapRun(); mr != nil {
		rec.MapRun, rec.Child = mrIndex[mr], x.child().index
	}
	for _, mr := range x.mapRuns() {
		rec.MapRuns = append(rec.MapRuns, mrIndex[mr])
	}
	return rec, nil
}

func snapshotMapRun(mr *mapRunState, xIndex map[*executionState]int) mapRunRecord {
	rec := mapRunRecord{
		Record: *mr.m, Parent: xIndex[mr.parent], State: mr.req.State.Name, Label: mr.req.Label,
		Redrive: mr.req.Redrive, Input: interp.EncodeValue(mr.req.Input),
		Context: interp.EncodeValue(mr.req.Context), Express: mr.express,
		Failing: mr.failing, Aborting: mr.aborting, ReadOK: mr.readOK,
	}
	for _, c := range mr.children {
		cr := mapChildRecord{Input: c.input, Items: c.items, Execution: -1}
		if c.x != nil {
			cr.Execution = xIndex[c.x]
		}
		rec.Children = append(rec.Children, cr)
	}
	for _, c := range mr.queue {
		rec.Queue = append(rec.Queue, c.index)
	}
	for _, x := range mr.started {
		rec.Started = append(rec.Started, xIndex[x])
	}
	return rec
}

// clientTokens lists the redrive client tokens t still honours at now,
// oldest first. A token that has expired is left out: it can never be
// honoured again, and dropping the oldest entries does not change which
// tokens are honoured.
func clientTokens(t *redrive.Tokens, now time.Time) ([]clientToken, error) {
	var out []clientToken
	for _, en := range t.Entries(now) {
		out = append(out, clientToken{Token: en.Token, RedriveDate: en.RedriveDate})
	}
	return out, nil
}

func sortedKeys[K interface{ ~string | ~int64 }, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
