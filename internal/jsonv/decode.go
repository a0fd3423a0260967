package jsonv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// maxDepth bounds nesting, as encoding/json does, so hostile input cannot
// exhaust the stack.
const maxDepth = 10000

// decoder is a small recursive-descent JSON parser producing the sfnmem
// value representation directly. It accepts exactly what encoding/json
// accepts and produces the same values as encoding/json with UseNumber
// followed by Normalize (fuzzed against it), without reflection.
type decoder struct {
	data    []byte
	pos     int
	depth   int
	ordered bool // objects as *Object, numbers as json.Number
	shared  bool // data is an immutable string's bytes: strings may share them
}

// Object is a JSON object as DecodeOrdered returns it: its keys in document
// order (each once, at its first occurrence) and its values (the last one
// for a repeated key).
type Object struct {
	Keys []string
	Vals map[string]any
}

// DecodeOrdered parses one JSON text as Decode does, except that objects are
// *Object, keeping their key order, and numbers are json.Number, keeping
// their text: what a definition parser needs to report problems in document
// order and to tell 1 from 1.0.
func DecodeOrdered(data []byte) (any, error) {
	d := &decoder{data: data, ordered: true}
	return d.top()
}

// DecodeOrderedString is DecodeOrdered for a string. Decoded strings share
// its memory where they can, which is safe because strings are immutable.
func DecodeOrderedString(s string) (any, error) {
	d := &decoder{data: stringBytes(s), ordered: true, shared: true}
	return d.top()
}

// stringBytes views s as bytes without copying; the decoder never writes
// to its data.
func stringBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

type syntaxError struct {
	msg string
	pos int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.pos) }

func decode(data []byte) (any, error) {
	d := &decoder{data: data}
	return d.top()
}

func (d *decoder) top() (any, error) {
	d.space()
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.space()
	if d.pos != len(d.data) {
		return nil, &syntaxError{"invalid character after top-level value", d.pos}
	}
	return v, nil
}

func (d *decoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

func (d *decoder) fail(msg string) error { return &syntaxError{msg, d.pos} }

func (d *decoder) value() (any, error) {
	if d.pos >= len(d.data) {
		return nil, d.fail("unexpected end of JSON input")
	}
	switch c := d.data[d.pos]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		return d.string()
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == 't':
		return d.literal("true", true)
	case c == 'f':
		return d.literal("false", false)
	case c == 'n':
		return d.literal("null", nil)
	}
	return nil, d.fail(fmt.Sprintf("invalid character %q looking for beginning of value", d.data[d.pos]))
}

func (d *decoder) literal(word string, v any) (any, error) {
	if len(d.data)-d.pos < len(word) || string(d.data[d.pos:d.pos+len(word)]) != word {
		return nil, d.fail("invalid literal")
	}
	d.pos += len(word)
	return v, nil
}

func (d *decoder) enter() error {
	d.depth++
	if d.depth > maxDepth {
		return d.fail("exceeded max depth")
	}
	return nil
}

func (d *decoder) object() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // {
	m := map[string]any{}
	var keys []string
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == '}' {
		d.pos++
		d.depth--
		return d.objectValue(m, keys), nil
	}
	for {
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != '"' {
			return nil, d.fail("looking for beginning of object key string")
		}
		k, err := d.string()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.pos >= len(d.data) || d.data[d.pos] != ':' {
			return nil, d.fail("after object key")
		}
		d.pos++
		d.space()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		key := k.(string)
		if d.ordered {
			if _, dup := m[key]; !dup {
				keys = append(keys, key)
			}
		}
		m[key] = v
		d.space()
		if d.pos >= len(d.data) {
			return nil, d.fail("unexpected end of JSON input")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case '}':
			d.pos++
			d.depth--
			return d.objectValue(m, keys), nil
		default:
			return nil, d.fail("after object key:value pair")
		}
	}
}

func (d *decoder) objectValue(m map[string]any, keys []string) any {
	if d.ordered {
		return &Object{Keys: keys, Vals: m}
	}
	return m
}

func (d *decoder) array() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	d.pos++ // [
	a := []any{}
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == ']' {
		d.pos++
		d.depth--
		return a, nil
	}
	for {
		d.space()
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		d.space()
		if d.pos >= len(d.data) {
			return nil, d.fail("unexpected end of JSON input")
		}
		switch d.data[d.pos] {
		case ',':
			d.pos++
		case ']':
			d.pos++
			d.depth--
			return a, nil
		default:
			return nil, d.fail("after array element")
		}
	}
}

// number scans a JSON number and converts it as Normalize converts a
// json.Number: int64 when the text is an integer in range, else float64,
// else (out of float64 range) the text itself.
func (d *decoder) number() (any, error) {
	start := d.pos
	if d.data[d.pos] == '-' {
		d.pos++
	}
	digits := func() int {
		n := 0
		for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
			d.pos++
			n++
		}
		return n
	}
	if d.pos < len(d.data) && d.data[d.pos] == '0' {
		d.pos++
	} else if digits() == 0 {
		return nil, d.fail("in numeric literal")
	}
	if d.pos < len(d.data) && d.data[d.pos] == '.' {
		d.pos++
		if digits() == 0 {
			return nil, d.fail("after decimal point in numeric literal")
		}
	}
	if d.pos < len(d.data) && (d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		d.pos++
		if d.pos < len(d.data) && (d.data[d.pos] == '+' || d.data[d.pos] == '-') {
			d.pos++
		}
		if digits() == 0 {
			return nil, d.fail("in exponent of numeric literal")
		}
	}
	text := string(d.data[start:d.pos])
	if d.ordered {
		return json.Number(text), nil
	}
	if i, err := strconv.ParseInt(text, 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return text, nil
		}
		return nil, d.fail("in numeric literal")
	}
	return f, nil
}

// string scans a JSON string, decoding escapes as encoding/json does:
// invalid UTF-8 and unpaired surrogates become U+FFFD.
func (d *decoder) string() (any, error) {
	d.pos++ // opening quote
	start := d.pos
	// Fast path: no escapes, valid UTF-8.
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			var s string
			if d.shared && d.pos > start {
				s = unsafe.String(&d.data[start], d.pos-start)
			} else {
				s = string(d.data[start:d.pos])
			}
			d.pos++
			return s, nil
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		d.pos++
	}
	buf := append([]byte(nil), d.data[start:d.pos]...)
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		switch {
		case c == '"':
			d.pos++
			return string(buf), nil
		case c < 0x20:
			return nil, d.fail("invalid character in string literal")
		case c == '\\':
			var err error
			if buf, err = d.escape(buf); err != nil {
				return nil, err
			}
		case c < utf8.RuneSelf:
			buf = append(buf, c)
			d.pos++
		default:
			r, size := utf8.DecodeRune(d.data[d.pos:])
			if r == utf8.RuneError && size == 1 {
				buf = utf8.AppendRune(buf, utf8.RuneError)
			} else {
				buf = append(buf, d.data[d.pos:d.pos+size]...)
			}
			d.pos += size
		}
	}
	return nil, d.fail("unexpected end of JSON input")
}

func (d *decoder) escape(buf []byte) ([]byte, error) {
	d.pos++ // backslash
	if d.pos >= len(d.data) {
		return nil, d.fail("unexpected end of JSON input")
	}
	c := d.data[d.pos]
	d.pos++
	switch c {
	case '"', '\\', '/':
		return append(buf, c), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case 'n':
		return append(buf, '\n'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'u':
		r, ok := d.hex4()
		if !ok {
			return nil, d.fail("in \\u hexadecimal character escape")
		}
		if utf16.IsSurrogate(r) {
			// A high surrogate followed by \uXXXX forming a pair decodes to
			// one rune; anything else is U+FFFD, and a following escape is
			// read on its own.
			if d.pos+1 < len(d.data) && d.data[d.pos] == '\\' && d.data[d.pos+1] == 'u' {
				save := d.pos
				d.pos += 2
				r2, ok := d.hex4()
				if ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						return utf8.AppendRune(buf, dec), nil
					}
				}
				d.pos = save
			}
			r = utf8.RuneError
		}
		return utf8.AppendRune(buf, r), nil
	}
	return nil, d.fail("in string escape code")
}

func (d *decoder) hex4() (rune, bool) {
	if len(d.data)-d.pos < 4 {
		return 0, false
	}
	var r rune
	for _, c := range d.data[d.pos : d.pos+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	d.pos += 4
	return r, true
}
