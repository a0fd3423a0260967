package asl

import (
	"strings"
	"unicode/utf8"
)

// Parse parses and validates a definition. Every problem found is reported in
// one *DefinitionError whose message follows the shape AWS uses for
// InvalidDefinition.
func Parse(definition string) (*Definition, error) {
	raw, err := decodeOrdered(definition)
	if err != nil {
		return nil, &DefinitionError{Problems: []Problem{{
			Code:    CodeInvalidJSONDescription,
			Message: err.Error(),
		}}}
	}
	root, ok := raw.(*object)
	if !ok {
		return nil, &DefinitionError{Problems: []Problem{{
			Code:     CodeSchemaValidationFailed,
			Message:  "The state machine definition must be a JSON object",
			Location: "/",
		}}}
	}
	p := &parser{names: map[string]bool{}}
	def := p.definition(root, "/", containerTop)
	// Like AWS, check the shape first and the transitions only once the
	// shape is sound.
	if len(p.ps.list) == 0 {
		for _, c := range p.containers {
			p.checkGraph(c)
		}
	}
	if len(p.ps.list) > 0 {
		return nil, &DefinitionError{Problems: p.ps.list}
	}
	// "$$" can only reach the context object through a path or an intrinsic
	// written in the definition; without one anywhere, the interpreter never
	// needs to build it.
	uses := strings.Contains(definition, "$$")
	names := p.stateNames()
	for _, c := range p.containers {
		c.def.UsesContext, c.def.StateNames = uses, names
	}
	return def, nil
}

// stateNames lists every state's name, container by container in document
// order, and sets each state's Index to its place in the list.
func (p *parser) stateNames() []string {
	var names []string
	for _, c := range p.containers {
		for _, name := range c.order {
			c.def.States[name].Index = len(names)
			names = append(names, name)
		}
	}
	return names
}

// containerKind says where a StartAt/States object sits, which decides the
// fields it may carry.
type containerKind int

const (
	containerTop       containerKind = iota // the state machine itself
	containerBranch                         // a Parallel branch
	containerProcessor                      // a Map ItemProcessor
	containerIterator                       // a Map's legacy Iterator
)

// container is one StartAt/States scope: transitions never leave it.
type container struct {
	def   *Definition
	loc   string
	order []string // state names in document order
}

type parser struct {
	ps         problems
	names      map[string]bool // every state name seen, machine-wide
	containers []*container
	resources  map[string]string // each Resource once (intern)
}

// intern returns the first Resource read equal to res. A machine names
// the same few resources in task after task; sharing one string lets
// whoever compares them (the interpreter and the engine, at every task)
// find them equal by their address, without reading their bytes.
func (p *parser) intern(res string) string {
	if s, ok := p.resources[res]; ok {
		return s
	}
	if p.resources == nil {
		p.resources = map[string]string{}
	}
	p.resources[res] = res
	return res
}

// maxSeconds is the largest value AWS accepts for its second counts
// (TimeoutSeconds, HeartbeatSeconds, IntervalSeconds, MaxAttempts).
const maxSeconds = 99999999

func (p *parser) definition(o *object, loc string, kind containerKind) *Definition {
	f := fields{ps: &p.ps, o: o, loc: loc}
	switch kind {
	case containerTop:
		f.supported("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage")
		p.queryLanguage(f)
	case containerProcessor:
		f.supported("Comment", "StartAt", "States", "ProcessorConfig")
	default:
		f.supported("Comment", "StartAt", "States")
	}
	f.required("StartAt", "States")
	def := &Definition{States: map[string]*State{}}
	def.Comment, _ = f.str("Comment")
	def.StartAt = f.target("StartAt")
	if kind == containerTop {
		def.TimeoutSeconds, _ = f.integer("TimeoutSeconds", 1, maxSeconds)
		def.Version, _ = f.str("Version")
	}
	c := &container{def: def, loc: loc}
	p.containers = append(p.containers, c)
	states, _ := f.obj("States")
	if states == nil {
		return def
	}
	statesLoc := child(loc, "States")
	if len(states.Keys) == 0 {
		p.ps.schema(statesLoc, "Field 'States' must contain at least one state")
	}
	for _, name := range states.Keys {
		sloc := child(statesLoc, name)
		if p.names[name] {
			p.ps.add(CodeDuplicateStateName, sloc, "Duplicate State name: %s", name)
		}
		p.names[name] = true
		if utf8.RuneCountInString(name) > 80 || name == "" {
			p.ps.schema(sloc, "State name must be between 1 and 80 characters")
		}
		so, ok := states.Vals[name].(*object)
		if !ok {
			p.ps.schema(sloc, "A state must be a JSON object")
			continue
		}
		st := p.state(name, so, sloc)
		def.States[name] = st
		c.order = append(c.order, name)
	}
	return def
}

// queryLanguage refuses JSONata: sfnmem evaluates JSONPath only.
func (p *parser) queryLanguage(f fields) {
	ql, ok := f.str("QueryLanguage")
	if !ok {
		return
	}
	switch ql {
	case "JSONPath":
	case "JSONata":
		p.ps.schema(child(f.loc, "QueryLanguage"), "The QueryLanguage 'JSONata' is not supported by sfnmem; only 'JSONPath' is")
	default:
		p.ps.schema(child(f.loc, "QueryLanguage"), "The value for the field 'QueryLanguage' must be one of [JSONata, JSONPath]")
	}
}

// checkGraph reports transitions to missing states, a container with no
// terminal state, and states that cannot be reached from StartAt, in that
// order (the order AWS reports them in).
func (p *parser) checkGraph(c *container) {
	def := c.def
	statesLoc := child(c.loc, "States")
	exists := func(name string) bool { _, ok := def.States[name]; return ok }
	startOK := def.StartAt == "" || exists(def.StartAt)
	if !startOK {
		p.ps.add(CodeMissingTransitionTarget, child(c.loc, "StartAt"), "Missing 'StartAt' target: %s", def.StartAt)
	}
	for _, name := range c.order {
		for _, e := range edges(def.States[name], child(statesLoc, name)) {
			if !exists(e.target) {
				p.ps.add(CodeMissingTransitionTarget, e.loc, "Missing 'Next' target: %s", e.target)
			}
		}
	}
	for _, st := range def.States {
		st.NextState = def.States[st.Next] // nil when Next is absent or names no state
	}
	terminal := false
	for _, name := range c.order {
		if def.States[name].isTerminal() {
			terminal = true
		}
	}
	if len(c.order) > 0 && !terminal {
		// AWS gives this problem no location, and reports no unreachable
		// states alongside it.
		p.ps.add(CodeMissingEndState, "", "Workflow has no terminal state")
		return
	}
	if def.StartAt == "" || !startOK {
		return
	}
	reached := map[string]bool{def.StartAt: true}
	queue := []string{def.StartAt}
	for len(queue) > 0 {
		s := def.States[queue[0]]
		queue = queue[1:]
		for _, e := range edges(s, "") {
			if exists(e.target) && !reached[e.target] {
				reached[e.target] = true
				queue = append(queue, e.target)
			}
		}
	}
	for _, name := range c.order {
		if !reached[name] {
			p.ps.add(CodeMissingTransitionTarget, child(statesLoc, name), "State \"%s\" is not reachable.", name)
		}
	}
}

// edge is one transition out of a state, and where the definition names it.
type edge struct {
	target string
	loc    string
}

// edges lists the transitions of s: Next, every Choice rule's Next, Default,
// and every Catcher's Next.
func edges(s *State, loc string) []edge {
	var out []edge
	if s.Next != "" {
		out = append(out, edge{s.Next, child(loc, "Next")})
	}
	for i, r := range s.Choices {
		if r.Next != "" {
			out = append(out, edge{r.Next, child(index(child(loc, "Choices"), i), "Next")})
		}
	}
	if s.Default != "" {
		out = append(out, edge{s.Default, child(loc, "Default")})
	}
	for i, c := range s.Catch {
		if c.Next != "" {
			out = append(out, edge{c.Next, child(index(child(loc, "Catch"), i), "Next")})
		}
	}
	return out
}

// isTerminal reports whether the state can end its container: End, Succeed
// or Fail.
func (s *State) isTerminal() bool {
	return s.End || s.Type == TypeSucceed || s.Type == TypeFail
}
