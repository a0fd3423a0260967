package interp

// openTasks are a run's open tasks, by token and by the id of their
// Scheduled event. Most runs have one task open at a time; it is kept aside
// from the maps, so that scheduling and completing it hashes nothing.
type openTasks struct {
	one     *task // the task kept aside, open when oneOpen
	oneOpen bool
	more    map[string]*task // the others, made on first use
	moreIDs map[int64]*task  // the same, by id
}

// add opens t. The task kept aside is pointed to again only when it is
// another: a run reuses one task's memory from task to task (newTask), so
// a run of Task states writes no pointer here, and so pays no write
// barrier while the collector marks.
func (o *openTasks) add(t *task) {
	if !o.oneOpen {
		if o.one != t {
			o.one = t
		}
		o.oneOpen = true
		return
	}
	if o.more == nil {
		o.more, o.moreIDs = map[string]*task{}, map[int64]*task{}
	}
	o.more[t.token] = t
	if t.id != 0 {
		o.moreIDs[t.id] = t
	}
}

func (o *openTasks) get(token string) (*task, bool) {
	if o.oneOpen && o.one.token == token {
		return o.one, true
	}
	t, ok := o.more[token]
	return t, ok
}

// getID returns the open task scheduled by event id. (A task restored from
// a snapshot has no id: only the tasks a run schedules are asked for by id.)
func (o *openTasks) getID(id int64) (*task, bool) {
	if o.oneOpen && o.one.id == id {
		return o.one, true
	}
	t, ok := o.moreIDs[id]
	return t, ok
}

// remove forgets the task with token, if it is open.
func (o *openTasks) remove(token string) {
	if o.oneOpen && o.one.token == token {
		o.oneOpen = false // still pointed to: see add
		return
	}
	if t, ok := o.more[token]; ok {
		delete(o.more, token)
		delete(o.moreIDs, t.id)
	}
}

func (o *openTasks) len() int {
	n := len(o.more)
	if o.oneOpen {
		n++
	}
	return n
}

// tokens lists the open tasks' tokens, in no order.
func (o *openTasks) tokens() []string {
	out := make([]string, 0, o.len())
	if o.oneOpen {
		out = append(out, o.one.token)
	}
	for tok := range o.more {
		out = append(out, tok)
	}
	return out
}

// ofFrame returns the open task of frame f, or nil. A frame has one at
// most, that of its current Task state; aborting and snapshots ask, so a
// frame keeps no token of its own to write at every task.
func (o *openTasks) ofFrame(f *frame) *task {
	if o.oneOpen && o.one.frame == f {
		return o.one
	}
	for _, t := range o.more {
		if t.frame == f {
			return t
		}
	}
	return nil
}

// clear forgets every task, and the map's memory with them: a closed run
// keeps none (cancelAll).
func (o *openTasks) clear() {
	o.one, o.oneOpen, o.more, o.moreIDs = nil, false, nil, nil
}
