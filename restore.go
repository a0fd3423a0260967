package sfnmem

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/asl"
	"github.com/sfnmem/sfnmem/history"
	"github.com/sfnmem/sfnmem/interp"
)

// Restore loads a snapshot written by [Engine.Snapshot] into e, which must
// be new: no state machines, executions, Map Runs or objects (task handlers
// may already be registered). Pending timers are armed again on e's clock
// at their original deadlines; those already past are due at once and fire,
// in deadline order, the next time the clock moves. The snapshot's random
// source replaces e's (so WithSeed has no effect on a restored engine), and
// its histories keep the event limit they were created with. The
// snapshot's partition, Region and account must match e's.
//
// Restore refuses a snapshot of another version ([ErrSnapshotVersion]) or one
// that is not valid ([ErrSnapshotCorrupt]), and an engine that is not empty
// ([ErrRestoreNotEmpty]); then e is left exactly as it was. Register the
// same task handlers on e as on the engine the snapshot came from: handlers
// are not part of it.
func (e *Engine) Restore(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("sfnmem: restore: %w", err)
	}
	s, err := decodeSnapshot(data)
	if err != nil {
		return err
	}
	if s.Partition != e.cfg.partition || s.Region != e.cfg.region || s.Account != e.cfg.account {
		return fmt.Errorf("%w: taken by an engine in %s/%s/%s, restoring into %s/%s/%s", ErrSnapshotCorrupt,
			s.Partition, s.Region, s.Account, e.cfg.partition, e.cfg.region, e.cfg.account)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.emptyLocked() {
		return ErrRestoreNotEmpty
	}
	st, err := e.rebuild(s)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSnapshotCorrupt, err)
	}
	e.installLocked(st)
	return nil
}

// decodeSnapshot checks the format and version, then decodes the rest
// strictly: an unknown field in a version-1 snapshot is corruption.
func decodeSnapshot(data []byte) (*snapshot, error) {
	var head struct {
		Format  string
		Version int
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshotCorrupt, err)
	}
	if head.Format != snapshotFormat {
		return nil, fmt.Errorf("%w: not an sfnmem snapshot (format %q)", ErrSnapshotCorrupt, head.Format)
	}
	if head.Version != SnapshotVersion {
		return nil, fmt.Errorf("%w: snapshot version %d, this sfnmem reads version %d", ErrSnapshotVersion, head.Version, SnapshotVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	s := &snapshot{}
	if err := dec.Decode(s); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshotCorrupt, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the snapshot", ErrSnapshotCorrupt)
	}
	return s, nil
}

// emptyLocked reports whether the engine holds no state. Call with e.mu held.
func (e *Engine) emptyLocked() bool {
	return len(e.machines) == 0 && e.executions.len() == 0 && len(e.mapRuns) == 0 &&
		len(e.objects.buckets) == 0 && len(e.tasks) == 0
}

// restored is a snapshot rebuilt into engine state, not yet installed.
type restored struct {
	rnd        *rand.Rand
	pcg        *rand.PCG
	open       int
	machines   []*stateMachine
	registered []*stateMachine
	xs         []*executionState
	byMachine  map[string][]*executionState
	mapRuns    []*mapRunState
	tasks      map[string]*executionState
	objects    objectStore
}

// rebuild turns s into engine state without touching e's fields: any
// error leaves e as it was. Call with e.mu held.
func (e *Engine) rebuild(s *snapshot) (*restored, error) {
	pcg := &rand.PCG{}
	if err := pcg.UnmarshalBinary(s.Rand); err != nil {
		return nil, fmt.Errorf("random source: %v", err)
	}
	st := &restored{pcg: pcg, rnd: rand.New(pcg), open: s.Open, byMachine: map[string][]*executionState{},
		tasks: map[string]*executionState{}}
	defs := definitionCache{}
	for _, mr := range s.Machines {
		m, err := restoreMachine(mr, defs)
		if err != nil {
			return nil, err
		}
		st.machines = append(st.machines, m)
	}
	for _, i := range s.Registered {
		if i < 0 || i >= len(st.machines) {
			return nil, fmt.Errorf("registered machine %d out of range", i)
		}
		st.registered = append(st.registered, st.machines[i])
	}
	if err := e.rebuildExecutions(s, st, defs); err != nil {
		return nil, err
	}
	xAt := func(i int) (*executionState, error) {
		if i < 0 || i >= len(st.xs) {
			return nil, fmt.Errorf("execution %d out of range", i)
		}
		return st.xs[i], nil
	}
	for _, me := range s.ByMachine {
		for _, i := range me.Executions {
			x, err := xAt(i)
			if err != nil {
				return nil, err
			}
			st.byMachine[me.ARN] = append(st.byMachine[me.ARN], x)
		}
	}
	for _, t := range s.Tokens {
		x, err := xAt(t.Execution)
		if err != nil {
			return nil, err
		}
		st.tasks[t.Token] = x
	}
	for _, o := range s.Objects {
		st.objects.put(o.Bucket, o.Key, o.Body, o.Modified)
	}
	return st, nil
}

// definitionCache parses each definition text once, so executions of one
// machine share a definition as they did before the snapshot.
type definitionCache map[string]*asl.Definition

func (c definitionCache) parse(text string) (*asl.Definition, error) {
	if d, ok := c[text]; ok {
		return d, nil
	}
	d, err := asl.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("definition: %v", err)
	}
	c[text] = d
	return d, nil
}

func restoreMachine(r machineRecord, defs definitionCache) (*stateMachine, error) {
	def, err := defs.parse(r.Definition)
	if err != nil {
		return nil, fmt.Errorf("state machine %s: %v", r.ARN, err)
	}
	m := &stateMachine{
		arn: r.ARN, name: r.Name, definition: r.Definition, def: def, roleArn: r.RoleArn, typ: r.Type,
		status: r.Status, created: r.Created, description: r.Description,
		logging: loggingOrDefault(r.Logging), tracing: tracingOrDefault(r.Tracing),
		revision: r.Revision, seq: r.Seq, lastVersion: r.LastVersion, aliasSeq: r.AliasSeq,
		versions: map[int64]*stateMachineVersion{}, aliases: map[string]*stateMachineAlias{},
		tags: r.Tags,
	}
	for _, v := range r.Versions {
		vdef, err := defs.parse(v.Definition)
		if err != nil {
			return nil, fmt.Errorf("version %s: %v", v.ARN, err)
		}
		m.versions[v.Number] = &stateMachineVersion{
			arn: v.ARN, number: v.Number, created: v.Created, description: v.Description,
			revision: v.Revision, definition: v.Definition, def: vdef, roleArn: v.RoleArn,
			logging: loggingOrDefault(v.Logging), tracing: tracingOrDefault(v.Tracing),
		}
	}
	for _, a := range r.Aliases {
		al := &stateMachineAlias{arn: a.ARN, name: a.Name, description: a.Description,
			created: a.Created, updated: a.Updated, seq: a.Seq}
		for _, rt := range a.Routes {
			v, ok := m.versions[rt.Version]
			if !ok {
				return nil, fmt.Errorf("alias %s routes to missing version %d", a.ARN, rt.Version)
			}
			al.routes = append(al.routes, route{version: v, weight: rt.Weight})
		}
		m.aliases[a.Name] = al
	}
	return m, nil
}

// rebuildExecutions restores the executions and Map Runs, which refer to
// each other: a Map Run child runs the ItemProcessor of its parent's
// Distributed Map state, so definitions are resolved parent first.
func (e *Engine) rebuildExecutions(s *snapshot, st *restored, defs definitionCache) error {
	arns := make(map[string]bool, len(s.Executions))
	sources := sourceCache{}
	seqs := increasingSeqs(s.Executions)
	for i, r := range s.Executions {
		if r.Machine < 0 || r.Machine >= len(st.machines) {
			return fmt.Errorf("execution %d: machine %d out of range", i, r.Machine)
		}
		if arns[r.Record.ARN] {
			return fmt.Errorf("execution %d: %s twice", i, r.Record.ARN)
		}
		arns[r.Record.ARN] = true
		x, err := restoreRecord(r, sources.of(st.machines[r.Machine], r.Source))
		if err != nil {
			return err
		}
		// Its seq, which its task tokens name, is the snapshot's, unless
		// an older version wrote seqs that repeat: then its place in the
		// list, which Snapshot writes in start order.
		x.seq = i
		if seqs {
			x.seq = r.Seq
		}
		st.xs = append(st.xs, x)
	}
	for i, r := range s.MapRuns {
		if r.Parent < 0 || r.Parent >= len(st.xs) {
			return fmt.Errorf("map run %d: parent %d out of range", i, r.Parent)
		}
		st.mapRuns = append(st.mapRuns, &mapRunState{parent: st.xs[r.Parent]})
	}
	res := resolver{s: s, st: st, defs: defs, state: map[int]*asl.Definition{}, busy: map[int]bool{}}
	for i := range s.Executions {
		if _, err := res.def(i); err != nil {
			return err
		}
	}
	for i, r := range s.MapRuns {
		if err := res.mapRun(i, r); err != nil {
			return err
		}
	}
	for i, r := range s.Executions {
		if err := e.restoreRun(st, i, r, res.state[i]); err != nil {
			return err
		}
	}
	return nil
}

// restoreRecord rebuilds an execution's record, history and client tokens.
func restoreRecord(r executionRecord, source *machineSnapshot) (*executionState, error) {
	x := &executionState{
		x:      r.Record,
		source: source,
		log:    history.NewLog(r.HistoryLimit),
	}
	if r.MapRun >= 0 {
		x.log.Bind(x.x.ARN) // a Map Run child's log is bound before its first event
	}
	for _, ev := range r.Events {
		if ev.Timestamp == nil {
			return nil, fmt.Errorf("execution %s: event %d has no timestamp", x.x.ARN, ev.Id)
		}
		id, err := x.log.Append(ev.Type, ev.PreviousEventId, *ev.Timestamp, history.Details(ev))
		if err != nil || id != ev.Id {
			return nil, fmt.Errorf("execution %s: event %d: %v", x.x.ARN, ev.Id, err)
		}
	}
	if r.MapRun < 0 {
		x.log.Bind(x.x.ARN)
	}
	for _, t := range r.ClientTokens {
		x.rareParts().tokens.Remember(t.Token, t.RedriveDate)
	}
	return x, nil
}

// resolver finds each execution's definition: the text it started with, or
// for a Map Run child its parent's ItemProcessor.
type resolver struct {
	s     *snapshot
	st    *restored
	defs  definitionCache
	state map[int]*asl.Definition // by execution index, once resolved
	busy  map[int]bool            // executions being resolved, to refuse a cycle
}

func (r *resolver) def(i int) (*asl.Definition, error) {
	if d, ok := r.state[i]; ok {
		return d, nil
	}
	if r.busy[i] {
		return nil, fmt.Errorf("execution %d: Map Run parents form a cycle", i)
	}
	r.busy[i] = true
	rec := r.s.Executions[i]
	var d *asl.Definition
	var err error
	if rec.MapRun < 0 {
		d, err = r.defs.parse(rec.Source.Definition)
	} else {
		var st *asl.State
		if st, err = r.mapState(rec.MapRun); err == nil {
			d = st.ItemProcessor
		}
	}
	if err != nil {
		return nil, fmt.Errorf("execution %s: %v", rec.Record.ARN, err)
	}
	r.state[i] = d
	return d, nil
}

// mapState finds Map Run j's Distributed Map state in its parent's definition.
func (r *resolver) mapState(j int) (*asl.State, error) {
	if j < 0 || j >= len(r.s.MapRuns) {
		return nil, fmt.Errorf("map run %d out of range", j)
	}
	rec := r.s.MapRuns[j]
	pdef, err := r.def(rec.Parent)
	if err != nil {
		return nil, err
	}
	st := findState(pdef, rec.State)
	if st == nil || st.Type != asl.TypeMap || st.ItemProcessor == nil {
		return nil, fmt.Errorf("map run %s: no Map state %q in its parent's definition", rec.Record.ARN, rec.State)
	}
	return st, nil
}

// findState finds a state by name anywhere in def: at its top level, in a
// Parallel branch or in a Map's ItemProcessor.
func findState(def *asl.Definition, name string) *asl.State {
	if st, ok := def.States[name]; ok {
		return st
	}
	for _, st := range def.States {
		for _, b := range st.Branches {
			if found := findState(b, name); found != nil {
				return found
			}
		}
		if st.ItemProcessor != nil {
			if found := findState(st.ItemProcessor, name); found != nil {
				return found
			}
		}
	}
	return nil
}

// mapRun fills in Map Run i.
func (r *resolver) mapRun(i int, rec mapRunRecord) error {
	mr := r.st.mapRuns[i]
	st, err := r.mapState(i)
	if err != nil {
		return err
	}
	in, err := interp.DecodeValue(rec.Input)
	if err != nil {
		return fmt.Errorf("map run %s input: %v", rec.Record.ARN, err)
	}
	ctxv, err := interp.DecodeValue(rec.Context)
	if err != nil {
		return fmt.Errorf("map run %s context: %v", rec.Record.ARN, err)
	}
	ctx, _ := ctxv.(map[string]any)
	m := rec.Record
	mr.m = &m
	mr.req = interp.MapRun{ARN: m.ARN, Label: rec.Label, Redrive: rec.Redrive, State: st, Input: in, Context: ctx}
	mr.express, mr.failing, mr.aborting, mr.readOK = rec.Express, rec.Failing, rec.Aborting, rec.ReadOK
	xAt := func(k int) (*executionState, error) {
		if k < 0 || k >= len(r.st.xs) {
			return nil, fmt.Errorf("map run %s: execution %d out of range", m.ARN, k)
		}
		return r.st.xs[k], nil
	}
	for ci, c := range rec.Children {
		child := &mapChild{index: ci, input: c.Input, items: c.Items}
		if c.Execution >= 0 {
			x, err := xAt(c.Execution)
			if err != nil {
				return err
			}
			child.x = x
		}
		mr.children = append(mr.children, child)
	}
	for _, ci := range rec.Queue {
		if ci < 0 || ci >= len(mr.children) {
			return fmt.Errorf("map run %s: queued child %d out of range", m.ARN, ci)
		}
		mr.queue = append(mr.queue, mr.children[ci])
	}
	for _, k := range rec.Started {
		x, err := xAt(k)
		if err != nil {
			return err
		}
		mr.started = append(mr.started, x)
	}
	return nil
}

// restoreRun links execution i to its Map Runs and rebuilds its run of
// def, the definition it started with (resolver.def).
func (e *Engine) restoreRun(st *restored, i int, r executionRecord, def *asl.Definition) error {
	x := st.xs[i]
	if r.MapRun >= 0 {
		mr := st.mapRuns[r.MapRun]
		if r.Child < 0 || r.Child >= len(mr.children) {
			return fmt.Errorf("execution %s: child %d out of range", x.x.ARN, r.Child)
		}
		p := x.rareParts()
		p.mapRun, p.child = mr, mr.children[r.Child]
	}
	for _, j := range r.MapRuns {
		if j < 0 || j >= len(st.mapRuns) {
			return fmt.Errorf("execution %s: Map Run %d out of range", x.x.ARN, j)
		}
		p := x.rareParts()
		p.mapRuns = append(p.mapRuns, st.mapRuns[j])
	}
	arn := x.x.ARN
	switch {
	case x.x.Status == types.ExecutionStatusSucceeded:
		return nil // a succeeded execution keeps no open parts (keepSucceededLocked)
	case r.Run == nil:
		return fmt.Errorf("execution %s: %s with no run", arn, x.x.Status)
	}
	o := new(openParts)
	run, err := interp.RestoreRun(interp.Config{
		Definition: def,
		Log:        x.log,
		Rand:       engineRand{e},
		Tokens:     o.startTokens(x, &e.pieces),
		Resources:  &e.resources,
	}, *r.Run)
	if err != nil {
		return fmt.Errorf("execution %s: %v", arn, err)
	}
	o.run, x.open = run, o
	return nil
}

// installLocked makes st the engine's state and arms every pending timer
// at its deadline. Timers with the same deadline are armed in execution
// order and, within an execution, in the order the run armed them; a timer
// already overdue is armed with a zero duration (due at once), since a
// clock.Clock need not accept a negative one. Call with e.mu held.
func (e *Engine) installLocked(st *restored) {
	e.rnd, e.pcg, e.open = st.rnd, st.pcg, st.open
	for _, m := range st.registered {
		e.machines[m.arn] = m
	}
	e.machineSeq = st.registered
	for _, x := range st.xs {
		e.executions.add(x)
		if x.x.Status == types.ExecutionStatusSucceeded {
			e.keepSucceededLocked(x) // its history frozen as it would have been
		}
	}
	e.byMachine, e.tasks, e.objects = st.byMachine, st.tasks, st.objects
	e.rebuildIndexLocked()
	for _, mr := range st.mapRuns {
		if e.mapRuns == nil {
			e.mapRuns = map[string]*mapRunState{}
		}
		e.mapRuns[mr.m.ARN] = mr
	}
	type pending struct {
		x  *executionState
		at time.Time
		id int64
	}
	var all []pending
	for _, x := range st.xs {
		if x.open == nil {
			continue
		}
		for _, t := range x.open.run.Timers() {
			all = append(all, pending{x: x, at: t.At, id: t.ID})
		}
	}
	// Armed in deadline order, so that timers already overdue (and so due
	// at once) still fire in the order of their deadlines.
	sort.SliceStable(all, func(i, j int) bool { return all[i].at.Before(all[j].at) })
	now := e.clock.Now()
	for _, p := range all {
		x, id := p.x, p.id
		x.open.timers.Set(id, e.clock.AfterFunc(max(p.at.Sub(now), 0), func() { e.fire(x, id) }))
	}
}

// sourceCache gives the executions restored from one snapshot that started
// with the same state machine as it was one machineSnapshot, as the engine
// that wrote the snapshot shared one: a snapshot writes the definition
// with every execution, and without it a restored engine would keep a copy
// of the definition's text for each.
type sourceCache map[sourceKey]*machineSnapshot

type sourceKey struct {
	m                                     *stateMachine
	definition, roleArn, revision, config string
	updated                               int64
}

// of returns the snapshot of m that r records.
func (c sourceCache) of(m *stateMachine, r sourceRecord) *machineSnapshot {
	config, _ := json.Marshal([2]any{r.Logging, r.Tracing}) // plain structs: Marshal cannot fail
	k := sourceKey{m: m, definition: r.Definition, roleArn: r.RoleArn, revision: r.Revision,
		config: string(config), updated: r.Updated.UnixNano()}
	if s, ok := c[k]; ok {
		return s
	}
	s := &machineSnapshot{machine: m, definition: r.Definition, roleArn: r.RoleArn,
		revision: r.Revision, logging: r.Logging, tracing: r.Tracing, updated: r.Updated}
	c[k] = s
	return s
}

// increasingSeqs reports whether the executions' seqs increase through the
// list, as Snapshot writes them (an execution replaced by another of its
// ARN, an Express child restarted, leaves a gap). Older versions gave a
// restarted child the seq of the execution started after it.
func increasingSeqs(xs []executionRecord) bool {
	prev, most := -1, 4*len(xs)+1<<20 // the gaps bounded: a seq indexes a list
	for _, r := range xs {
		if r.Seq <= prev || r.Seq > most {
			return false
		}
		prev = r.Seq
	}
	return true
}
