package intrinsic

import (
	"fmt"
	"strings"
	"sync"

	"github.com/sfnmem/sfnmem/asl/jsonpath"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// argKind is the form an argument was written in.
type argKind int

const (
	argString argKind = iota // 'text'
	argNumber                // 12, -1.5
	argBool                  // true, false
	argNull                  // null
	argPath                  // $.x, $$.x, $
	argCall                  // States.X(...)
)

// arg is one parsed argument.
type arg struct {
	kind argKind
	// value of a literal (string, number, bool, nil).
	value any
	// holes are the byte offsets in a string literal's value of the "{}"
	// pairs written unescaped: States.Format's placeholders.
	holes []int
	path  string // for argPath, as written
	call  *call  // for argCall
}

// call is one parsed function call.
type call struct {
	name string
	fn   *function
	args []arg
}

// cacheLimit bounds the parsed-call cache; see jsonpath's cache.
const cacheLimit = 4096

// cache holds parsed calls (and parse errors) by source text, so a call in a
// definition is parsed once. It holds only immutable values.
var cache struct {
	mu sync.Mutex
	m  map[string]cacheEntry
}

type cacheEntry struct {
	c   *call
	err error
}

func compile(s string) (*call, error) {
	cache.mu.Lock()
	e, ok := cache.m[s]
	cache.mu.Unlock()
	if ok {
		return e.c, e.err
	}
	c, err := parse(s)
	cache.mu.Lock()
	if cache.m == nil || len(cache.m) >= cacheLimit {
		cache.m = make(map[string]cacheEntry)
	}
	cache.m[s] = cacheEntry{c, err}
	cache.mu.Unlock()
	return c, err
}

type parser struct {
	src string
	pos int
}

func (p *parser) errf(format string, args ...any) error {
	return &SyntaxError{Call: p.src, Offset: p.pos, Msg: fmt.Sprintf(format, args...) + fmt.Sprintf(" (at offset %d)", p.pos)}
}

func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func parse(s string) (*call, error) {
	p := &parser{src: s}
	c, err := p.call(1)
	if err != nil {
		return nil, err
	}
	if p.pos != len(p.src) {
		return nil, p.errf("unexpected text after the closing ')'")
	}
	return c, nil
}

func isIdentByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// call reads "States.Name(args)"; depth is its nesting level, 1 for the
// outermost call.
func (p *parser) call(depth int) (*call, error) {
	if depth > MaxNesting {
		return nil, p.errf("intrinsic functions nest more than %d deep", MaxNesting)
	}
	start := p.pos
	if !strings.HasPrefix(p.src[p.pos:], "States.") {
		return nil, p.errf("expected an intrinsic function name starting with 'States.'")
	}
	p.pos += len("States.")
	for p.pos < len(p.src) && isIdentByte(p.src[p.pos]) {
		p.pos++
	}
	name := p.src[start:p.pos]
	fn, ok := functions[name]
	if !ok {
		p.pos = start
		return nil, p.errf("unknown intrinsic function %s", name)
	}
	if p.peek() != '(' {
		return nil, p.errf("expected '(' after %s", name)
	}
	p.pos++
	c := &call{name: name, fn: fn}
	p.skipSpace()
	if p.peek() == ')' {
		p.pos++
	} else {
		for {
			p.skipSpace()
			a, err := p.arg(depth)
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, a)
			p.skipSpace()
			if p.peek() == ',' {
				p.pos++
				continue
			}
			if p.peek() == ')' {
				p.pos++
				break
			}
			return nil, p.errf("expected ',' or ')' in the arguments of %s", name)
		}
	}
	if err := fn.checkArity(c); err != nil {
		p.pos = start
		return nil, p.errf("%v", err)
	}
	return c, nil
}

// arg reads one argument.
func (p *parser) arg(depth int) (arg, error) {
	switch c := p.peek(); {
	case c == '\'':
		return p.stringLit()
	case c == '$':
		return p.pathArg()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 0:
		return arg{}, p.errf("unexpected end of input")
	}
	rest := p.src[p.pos:]
	for _, kw := range []struct {
		text string
		a    arg
	}{
		{"true", arg{kind: argBool, value: true}},
		{"false", arg{kind: argBool, value: false}},
		{"null", arg{kind: argNull}},
	} {
		if strings.HasPrefix(rest, kw.text) && (len(rest) == len(kw.text) || !isIdentByte(rest[len(kw.text)])) {
			p.pos += len(kw.text)
			return kw.a, nil
		}
	}
	if strings.HasPrefix(rest, "States.") {
		c, err := p.call(depth + 1)
		if err != nil {
			return arg{}, err
		}
		return arg{kind: argCall, call: c}, nil
	}
	return arg{}, p.errf("unexpected %q; an argument is a 'string', a number, true, false, null, a path or an intrinsic function", p.peek())
}

// stringLit reads a single-quoted string. The escapes \' \{ \} and \\ are
// the only ones allowed; any other backslash is an error.
func (p *parser) stringLit() (arg, error) {
	p.pos++ // opening quote
	var b strings.Builder
	var holes []int
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch c {
		case '\'':
			p.pos++
			return arg{kind: argString, value: b.String(), holes: holes}, nil
		case '\\':
			if p.pos+1 >= len(p.src) {
				return arg{}, p.errf("unterminated string")
			}
			switch e := p.src[p.pos+1]; e {
			case '\'', '{', '}', '\\':
				b.WriteByte(e)
				p.pos += 2
			default:
				return arg{}, p.errf("invalid escape '\\%c' in string; only \\', \\{, \\} and \\\\ are allowed", e)
			}
		case '{':
			if p.pos+1 < len(p.src) && p.src[p.pos+1] == '}' {
				holes = append(holes, b.Len())
				b.WriteString("{}")
				p.pos += 2
				continue
			}
			b.WriteByte(c)
			p.pos++
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return arg{}, p.errf("unterminated string")
}

// number reads a JSON number.
func (p *parser) number() (arg, error) {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte("+-0123456789.eE", p.src[p.pos]) >= 0 {
		p.pos++
	}
	v, err := jsonv.DecodeString(p.src[start:p.pos])
	if err != nil {
		p.pos = start
		return arg{}, p.errf("invalid number %q", p.src[start:p.pos])
	}
	switch v.(type) {
	case int64, float64:
		return arg{kind: argNumber, value: v}, nil
	}
	p.pos = start
	return arg{}, p.errf("invalid number")
}

// pathArg reads a JSONPath up to the ',' or ')' that ends the argument,
// skipping over brackets, parentheses and quoted names inside it.
func (p *parser) pathArg() (arg, error) {
	start := p.pos
	depth := 0
scan:
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch c {
		case '\'', '"':
			if err := p.skipQuoted(c); err != nil {
				return arg{}, err
			}
			continue
		case '[', '(':
			depth++
		case ']', ')':
			if depth == 0 {
				break scan
			}
			depth--
		case ',':
			if depth == 0 {
				break scan
			}
		}
		p.pos++
	}
	path := strings.TrimRight(p.src[start:p.pos], " \t\n\r")
	if err := jsonpath.Validate(rootPath(path)); err != nil {
		p.pos = start
		return arg{}, p.errf("invalid path %s: %v", path, err)
	}
	return arg{kind: argPath, path: path}, nil
}

func (p *parser) skipQuoted(q byte) error {
	p.pos++
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case q:
			p.pos++
			return nil
		}
		p.pos++
	}
	return p.errf("unterminated quoted name in path")
}

// rootPath turns a context path "$$.x" into the path "$.x" to run against
// the context object; other paths are returned unchanged.
func rootPath(path string) string {
	if strings.HasPrefix(path, "$$") {
		return path[1:]
	}
	return path
}
