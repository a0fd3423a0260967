package interp

// openTasks are a run's open tasks, by token. Most runs have one task open
// at a time; it is kept aside from the map, so that scheduling and
// completing it hashes no token.
type openTasks struct {
	one  *task            // an open task, or nil
	more map[string]*task // the others, made on first use
}

func (o *openTasks) add(t *task) {
	if o.one == nil {
		o.one = t
		return
	}
	if o.more == nil {
		o.more = map[string]*task{}
	}
	o.more[t.call.Token] = t
}

func (o *openTasks) get(token string) (*task, bool) {
	if o.one != nil && o.one.call.Token == token {
		return o.one, true
	}
	t, ok := o.more[token]
	return t, ok
}

// remove forgets the task with token, if it is open.
func (o *openTasks) remove(token string) {
	if o.one != nil && o.one.call.Token == token {
		o.one = nil
		return
	}
	delete(o.more, token)
}

func (o *openTasks) len() int {
	n := len(o.more)
	if o.one != nil {
		n++
	}
	return n
}

// tokens lists the open tasks' tokens, in no order.
func (o *openTasks) tokens() []string {
	out := make([]string, 0, o.len())
	if o.one != nil {
		out = append(out, o.one.call.Token)
	}
	for tok := range o.more {
		out = append(out, tok)
	}
	return out
}

// clear forgets every task, and the map's memory with them: a closed run
// keeps none (cancelAll).
func (o *openTasks) clear() {
	o.one, o.more = nil, nil
}
