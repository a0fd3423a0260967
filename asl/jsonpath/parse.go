package jsonpath

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/ohler55/ojg/jp"
)

// segKind is what one step of a compiled path selects.
type segKind int

const (
	segName     segKind = iota // .name or ['name']
	segNames                   // ['a','b']
	segIndex                   // [n]
	segIndexes                 // [n,m]
	segWildcard                // .* or [*]
	segSlice                   // [a:b]
	segFilter                  // [?(...)]
)

// segment is one step of a compiled path.
type segment struct {
	kind    segKind
	descend bool // preceded by ".."
	names   []string
	indexes []int
	// slice bounds; hasStart/hasEnd say whether they were written.
	start, end       int
	hasStart, hasEnd bool
	filter           *jp.Filter
}

// compiled is a parsed path, immutable and safe to share.
type compiled struct {
	src      string
	segs     []segment
	definite bool
	// merge is Jayway's multi-property leaf: a definite path whose last step
	// is ['a','b'] selects one object holding those members.
	merge bool
	// simple: every step is one name or one index, so the path selects
	// one value by walking, with no list of candidates (query's fast path).
	simple bool
}

// cacheLimit bounds the compiled-path cache. Paths come from state machine
// definitions, so real programs use far fewer; the bound only stops
// unbounded growth when paths are built from data.
const cacheLimit = 4096

// cache holds compiled paths (and parse errors) by source text so that a path
// is parsed once per process. It holds only immutable values, so sharing it
// between engines is unobservable.
var cache struct {
	mu sync.Mutex
	m  map[string]cacheEntry
}

type cacheEntry struct {
	p   *compiled
	err error
}

// compile parses path, or returns the cached result of an earlier parse.
func compile(path string) (*compiled, error) {
	cache.mu.Lock()
	e, ok := cache.m[path]
	cache.mu.Unlock()
	if ok {
		return e.p, e.err
	}
	p, err := parse(path)
	cache.mu.Lock()
	if cache.m == nil || len(cache.m) >= cacheLimit {
		cache.m = make(map[string]cacheEntry)
	}
	cache.m[path] = cacheEntry{p, err}
	cache.mu.Unlock()
	return p, err
}

// parser reads one path.
type parser struct {
	src string
	pos int
}

func (ps *parser) errf(format string, args ...any) error {
	return &SyntaxError{Path: ps.src, Offset: ps.pos, Msg: fmt.Sprintf(format, args...)}
}

func (ps *parser) peek() byte {
	if ps.pos < len(ps.src) {
		return ps.src[ps.pos]
	}
	return 0
}

func (ps *parser) skipSpace() {
	for ps.pos < len(ps.src) && ps.src[ps.pos] == ' ' {
		ps.pos++
	}
}

func parse(path string) (*compiled, error) {
	ps := &parser{src: path}
	if ps.peek() != '$' {
		return nil, ps.errf("a path must start with '$'")
	}
	ps.pos++
	var segs []segment
	for ps.pos < len(ps.src) {
		seg, err := ps.segment()
		if err != nil {
			return nil, err
		}
		segs = append(segs, seg)
	}
	c := &compiled{src: path, segs: segs, definite: true}
	for i, s := range segs {
		last := i == len(segs)-1
		switch {
		case s.descend:
			c.definite = false
		case s.kind == segName || s.kind == segIndex:
		case s.kind == segNames && last:
			c.merge = true
		default:
			c.definite = false
		}
	}
	if !c.definite {
		c.merge = false
	}
	c.simple = c.definite && !c.merge
	for _, s := range segs {
		if !(s.kind == segName && len(s.names) == 1 || s.kind == segIndex && len(s.indexes) == 1) {
			c.simple = false
		}
	}
	return c, nil
}

// segment reads one step: ".name", "..name", ".*", "..*", "[...]", ".[...]"
// or "..[...]".
func (ps *parser) segment() (segment, error) {
	descend := false
	switch ps.peek() {
	case '[':
		return ps.bracket(false)
	case '.':
		ps.pos++
		if ps.peek() == '.' {
			ps.pos++
			descend = true
		}
	default:
		return segment{}, ps.errf("unexpected %q; expected '.' or '['", ps.peek())
	}
	switch c := ps.peek(); {
	case c == 0:
		return segment{}, ps.errf("path ends after '.'")
	case c == '[':
		return ps.bracket(descend)
	case c == '*':
		ps.pos++
		return segment{kind: segWildcard, descend: descend}, nil
	}
	start := ps.pos
	for ps.pos < len(ps.src) && isNameByte(ps.src[ps.pos]) {
		ps.pos++
	}
	name := ps.src[start:ps.pos]
	if name == "" {
		return segment{}, ps.errf("unexpected %q in member name; use bracket notation ['...']", ps.peek())
	}
	if ps.peek() == '(' {
		// Jayway's length(), min(), ... are not documented by Step Functions.
		return segment{}, ps.errf("function %s() is not supported", name)
	}
	return segment{kind: segName, descend: descend, names: []string{name}}, nil
}

// isNameByte reports whether b may appear in a dot-notation member name: the
// JSONPath member-name-shorthand (letters, digits, '_', any non-ASCII) plus
// '-', which Jayway accepts and Step Functions definitions use ("$.detail-type").
func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' ||
		b == '_' || b == '-' || b >= 0x80
}

// bracket reads "[...]" starting at '['.
func (ps *parser) bracket(descend bool) (segment, error) {
	ps.pos++ // '['
	ps.skipSpace()
	var seg segment
	var err error
	switch c := ps.peek(); {
	case c == '*':
		ps.pos++
		seg = segment{kind: segWildcard}
	case c == '?':
		seg, err = ps.filter()
	case c == '\'' || c == '"':
		seg, err = ps.names()
	case c == '-' || c == ':' || c >= '0' && c <= '9':
		seg, err = ps.indexes()
	case c == 0:
		return segment{}, ps.errf("unterminated '['")
	default:
		return segment{}, ps.errf("unexpected %q after '['", c)
	}
	if err != nil {
		return segment{}, err
	}
	ps.skipSpace()
	if ps.peek() != ']' {
		return segment{}, ps.errf("expected ']'")
	}
	ps.pos++
	seg.descend = descend
	return seg, nil
}

// names reads one or more quoted member names separated by commas.
func (ps *parser) names() (segment, error) {
	var names []string
	for {
		name, err := ps.quoted()
		if err != nil {
			return segment{}, err
		}
		names = append(names, name)
		ps.skipSpace()
		if ps.peek() != ',' {
			break
		}
		ps.pos++
		ps.skipSpace()
	}
	if len(names) == 1 {
		return segment{kind: segName, names: names}, nil
	}
	return segment{kind: segNames, names: names}, nil
}

// quoted reads a string in single or double quotes; a backslash escapes the
// next character.
func (ps *parser) quoted() (string, error) {
	q := ps.peek()
	if q != '\'' && q != '"' {
		return "", ps.errf("expected a quoted member name")
	}
	ps.pos++
	var b strings.Builder
	for ps.pos < len(ps.src) {
		c := ps.src[ps.pos]
		switch {
		case c == q:
			ps.pos++
			return b.String(), nil
		case c == '\\' && ps.pos+1 < len(ps.src):
			b.WriteByte(ps.src[ps.pos+1])
			ps.pos += 2
		default:
			b.WriteByte(c)
			ps.pos++
		}
	}
	return "", ps.errf("unterminated quoted name")
}

// indexes reads "n", "n,m,...", or a slice "a:b" (either bound optional).
func (ps *parser) indexes() (segment, error) {
	first, hasFirst, err := ps.int()
	if err != nil {
		return segment{}, err
	}
	ps.skipSpace()
	if ps.peek() == ':' {
		ps.pos++
		ps.skipSpace()
		end, hasEnd, err := ps.int()
		if err != nil {
			return segment{}, err
		}
		ps.skipSpace()
		if ps.peek() == ':' {
			return segment{}, ps.errf("slice steps are not supported")
		}
		return segment{kind: segSlice, start: first, hasStart: hasFirst, end: end, hasEnd: hasEnd}, nil
	}
	if !hasFirst {
		return segment{}, ps.errf("expected an index")
	}
	idx := []int{first}
	for ps.peek() == ',' {
		ps.pos++
		ps.skipSpace()
		n, ok, err := ps.int()
		if err != nil {
			return segment{}, err
		}
		if !ok {
			return segment{}, ps.errf("expected an index after ','")
		}
		idx = append(idx, n)
		ps.skipSpace()
	}
	if len(idx) == 1 {
		return segment{kind: segIndex, indexes: idx}, nil
	}
	return segment{kind: segIndexes, indexes: idx}, nil
}

// int reads an optional signed integer; ok is false when there is none.
func (ps *parser) int() (n int, ok bool, err error) {
	start := ps.pos
	if ps.peek() == '-' {
		ps.pos++
	}
	for ps.pos < len(ps.src) && ps.src[ps.pos] >= '0' && ps.src[ps.pos] <= '9' {
		ps.pos++
	}
	text := ps.src[start:ps.pos]
	if text == "" {
		return 0, false, nil
	}
	v, err := strconv.ParseInt(text, 10, 32)
	if err != nil {
		ps.pos = start
		return 0, false, ps.errf("bad index %q", text)
	}
	return int(v), true, nil
}

// filter reads "?(...)" and compiles the expression with ojg, whose filter
// language is Jayway's (==, !=, <, <=, >, >=, &&, ||, !, in, nin, =~, @.x
// existence).
func (ps *parser) filter() (segment, error) {
	ps.pos++ // '?'
	ps.skipSpace()
	if ps.peek() != '(' {
		return segment{}, ps.errf("expected '(' after '?'")
	}
	start := ps.pos
	end, err := ps.matchParen()
	if err != nil {
		return segment{}, err
	}
	f, ferr := newFilter("[?" + ps.src[start:end] + "]")
	if ferr != nil {
		ps.pos = start
		return segment{}, ps.errf("bad filter: %v", ferr)
	}
	return segment{kind: segFilter, filter: f}, nil
}

// newFilter compiles a filter, turning any panic in the library's parser into
// an error.
func newFilter(src string) (f *jp.Filter, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%v", r)
		}
	}()
	f, err = jp.NewFilter(src)
	if err == nil && f == nil {
		err = errors.New("empty filter")
	}
	return f, err
}

// matchParen advances past the parenthesised expression starting at '(' and
// returns the offset just after its closing ')'. Quoted strings and /regex/
// literals are skipped whole.
func (ps *parser) matchParen() (int, error) {
	depth := 0
	prev := byte(0) // last non-space byte outside literals
	for ps.pos < len(ps.src) {
		c := ps.src[ps.pos]
		switch {
		case c == '\'' || c == '"':
			if _, err := ps.quoted(); err != nil {
				return 0, err
			}
			prev = c
			continue
		case c == '/' && prev == '~':
			if err := ps.skipRegex(); err != nil {
				return 0, err
			}
			prev = c
			continue
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				ps.pos++
				return ps.pos, nil
			}
		}
		if c != ' ' {
			prev = c
		}
		ps.pos++
	}
	return 0, ps.errf("unterminated filter")
}

func (ps *parser) skipRegex() error {
	ps.pos++ // opening '/'
	for ps.pos < len(ps.src) {
		switch ps.src[ps.pos] {
		case '\\':
			ps.pos += 2
			continue
		case '/':
			ps.pos++
			return nil
		}
		ps.pos++
	}
	return ps.errf("unterminated regular expression")
}

// compileReference parses path and checks that it is a reference path.
func compileReference(path string) ([]segment, error) {
	p, err := compile(path)
	if err != nil {
		return nil, err
	}
	for _, s := range p.segs {
		switch {
		case s.descend:
			return nil, fmt.Errorf("%q: %w: '..' selects many values", path, ErrNotReference)
		case s.kind == segName:
		case s.kind == segIndex && s.indexes[0] >= 0:
		case s.kind == segIndex:
			return nil, fmt.Errorf("%q: %w: negative index", path, ErrNotReference)
		default:
			return nil, fmt.Errorf("%q: %w: only .name, ['name'] and [n] steps are allowed", path, ErrNotReference)
		}
	}
	return p.segs, nil
}
