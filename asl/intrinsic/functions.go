package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sfnmem/sfnmem/asl/jsonpath"
	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Limits documented on the AWS "Intrinsic functions" page.
const (
	maxRange     = 1000  // States.ArrayRange result length
	maxBase64    = 10000 // States.Base64Encode / Base64Decode input characters
	maxHashInput = 10000 // States.Hash input characters
)

// function describes one intrinsic: its argument counts and implementation.
type function struct {
	min, max int // argument count bounds; max < 0 means unbounded
	// pathArgs lists argument positions that must be written as a path.
	pathArgs []int
	eval     func(c *call, args []value, e *env) (any, error)
}

// value is an evaluated argument together with how it was written.
type value struct {
	v   any
	arg *arg
}

// env is what evaluation reads.
type env struct {
	input, ctx any
	rnd        Rand
}

// functions is every intrinsic AWS documents, by name.
var functions = map[string]*function{
	"States.Format":         {min: 1, max: -1, eval: fnFormat},
	"States.StringToJson":   {min: 1, max: 1, eval: fnStringToJSON},
	"States.JsonToString":   {min: 1, max: 1, pathArgs: []int{0}, eval: fnJSONToString},
	"States.Array":          {min: 0, max: -1, eval: fnArray},
	"States.ArrayPartition": {min: 2, max: 2, eval: fnArrayPartition},
	"States.ArrayContains":  {min: 2, max: 2, eval: fnArrayContains},
	"States.ArrayRange":     {min: 3, max: 3, eval: fnArrayRange},
	"States.ArrayGetItem":   {min: 2, max: 2, eval: fnArrayGetItem},
	"States.ArrayLength":    {min: 1, max: 1, eval: fnArrayLength},
	"States.ArrayUnique":    {min: 1, max: 1, eval: fnArrayUnique},
	"States.Base64Encode":   {min: 1, max: 1, eval: fnBase64Encode},
	"States.Base64Decode":   {min: 1, max: 1, eval: fnBase64Decode},
	"States.Hash":           {min: 2, max: 2, eval: fnHash},
	"States.JsonMerge":      {min: 3, max: 3, eval: fnJSONMerge},
	"States.MathRandom":     {min: 2, max: 3, eval: fnMathRandom},
	"States.MathAdd":        {min: 2, max: 2, eval: fnMathAdd},
	"States.StringSplit":    {min: 2, max: 2, eval: fnStringSplit},
	"States.UUID":           {min: 0, max: 0, eval: fnUUID},
}

// Names returns the names of every intrinsic function, for documentation and
// tests.
func Names() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	return names
}

func (f *function) checkArity(c *call) error {
	n := len(c.args)
	switch {
	case f.max < 0 && n < f.min:
		return fmt.Errorf("%s takes at least %d argument(s), got %d", c.name, f.min, n)
	case f.max >= 0 && (n < f.min || n > f.max) && f.min == f.max:
		return fmt.Errorf("%s takes %d argument(s), got %d", c.name, f.min, n)
	case f.max >= 0 && (n < f.min || n > f.max):
		return fmt.Errorf("%s takes %d to %d arguments, got %d", c.name, f.min, f.max, n)
	}
	for _, i := range f.pathArgs {
		if c.args[i].kind != argPath {
			return fmt.Errorf("argument %d of %s must be a path", i+1, c.name)
		}
	}
	return nil
}

// eval evaluates the call's arguments, then the function.
func (c *call) eval(e *env) (any, error) {
	vals := make([]value, len(c.args))
	for i := range c.args {
		a := &c.args[i]
		v, err := a.eval(e)
		if err != nil {
			return nil, err
		}
		vals[i] = value{v: v, arg: a}
	}
	return c.fn.eval(c, vals, e)
}

func (a *arg) eval(e *env) (any, error) {
	switch a.kind {
	case argPath:
		data := e.input
		if strings.HasPrefix(a.path, "$$") {
			data = e.ctx
		}
		v, found, err := jsonpath.Query(rootPath(a.path), data)
		if err != nil {
			return nil, &Error{Name: ErrIntrinsicFailure, Cause: err.Error()}
		}
		if !found {
			return nil, &Error{Name: ErrRuntime, Cause: fmt.Sprintf("The JsonPath argument for the field '%s' could not be found in the input", a.path)}
		}
		return v, nil
	case argCall:
		return a.call.eval(e)
	default:
		return a.value, nil
	}
}

// invalid is the failure for arguments of the wrong type or out of range.
// The cause is the text AWS reports for such calls.
func invalid(c *call) error {
	return &Error{Name: ErrIntrinsicFailure, Cause: "Invalid arguments in " + c.name}
}

func fnFormat(c *call, args []value, _ *env) (any, error) {
	tmpl, ok := args[0].v.(string)
	if !ok {
		return nil, invalid(c)
	}
	var holes []int
	if args[0].arg.kind == argString {
		holes = args[0].arg.holes
	} else {
		// A template read from the input has no escapes: every "{}" is a
		// placeholder.
		for i := 0; ; {
			j := strings.Index(tmpl[i:], "{}")
			if j < 0 {
				break
			}
			holes = append(holes, i+j)
			i += j + 2
		}
	}
	if len(holes) != len(args)-1 {
		return nil, invalid(c)
	}
	var b strings.Builder
	last := 0
	for i, h := range holes {
		b.WriteString(tmpl[last:h])
		s, ok := formatValue(args[i+1].v)
		if !ok {
			return nil, invalid(c)
		}
		b.WriteString(s)
		last = h + 2
	}
	b.WriteString(tmpl[last:])
	return b.String(), nil
}

// formatValue is the natural string form of a scalar for States.Format:
// strings without quotes, numbers and booleans as in JSON, null as "null".
func formatValue(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case nil, bool, int64, float64:
		return jsonv.MustEncodeString(x), true
	}
	return "", false
}

func fnStringToJSON(c *call, args []value, _ *env) (any, error) {
	s, ok := args[0].v.(string)
	if !ok {
		return nil, invalid(c)
	}
	v, err := jsonv.DecodeString(s)
	if err != nil {
		return nil, invalid(c)
	}
	return v, nil
}

func fnJSONToString(c *call, args []value, _ *env) (any, error) {
	s, err := jsonv.EncodeString(args[0].v)
	if err != nil {
		return nil, invalid(c)
	}
	return s, nil
}

func fnArray(_ *call, args []value, _ *env) (any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.v
	}
	return out, nil
}

func fnArrayPartition(c *call, args []value, _ *env) (any, error) {
	arr, ok := args[0].v.([]any)
	if !ok {
		return nil, invalid(c)
	}
	size, ok := exactInt(args[1].v)
	if !ok || size <= 0 {
		return nil, invalid(c)
	}
	out := []any{}
	for i := 0; i < len(arr); {
		end := i + int(min(size, int64(len(arr)-i)))
		out = append(out, append([]any{}, arr[i:end]...))
		i = end
	}
	return out, nil
}

func fnArrayContains(c *call, args []value, _ *env) (any, error) {
	arr, ok := args[0].v.([]any)
	if !ok {
		return nil, invalid(c)
	}
	for _, e := range arr {
		if equal(e, args[1].v) {
			return true, nil
		}
	}
	return false, nil
}

func fnArrayRange(c *call, args []value, _ *env) (any, error) {
	var n [3]int64
	for i := range n {
		v, ok := roundInt(args[i].v)
		if !ok {
			return nil, invalid(c)
		}
		n[i] = v
	}
	start, end, step := n[0], n[1], n[2]
	if step == 0 {
		return nil, invalid(c)
	}
	// count = floor(|end-start| / |step|) + 1, computed without overflow.
	var steps uint64
	var count uint64
	switch {
	case step > 0 && end >= start:
		steps = (uint64(end) - uint64(start)) / uint64(step)
		count = 1
	case step < 0 && end <= start:
		steps = (uint64(start) - uint64(end)) / (uint64(-(step + 1)) + 1)
		count = 1
	}
	if steps >= maxRange {
		return nil, invalid(c)
	}
	count += steps
	out := make([]any, 0, count)
	for i := uint64(0); i < count; i++ {
		out = append(out, start+int64(i)*step)
	}
	return out, nil
}

func fnArrayGetItem(c *call, args []value, _ *env) (any, error) {
	arr, ok := args[0].v.([]any)
	if !ok {
		return nil, invalid(c)
	}
	i, ok := exactInt(args[1].v)
	if !ok || i < 0 || i >= int64(len(arr)) {
		return nil, invalid(c)
	}
	return arr[i], nil
}

func fnArrayLength(c *call, args []value, _ *env) (any, error) {
	arr, ok := args[0].v.([]any)
	if !ok {
		return nil, invalid(c)
	}
	return int64(len(arr)), nil
}

func fnArrayUnique(c *call, args []value, _ *env) (any, error) {
	arr, ok := args[0].v.([]any)
	if !ok {
		return nil, invalid(c)
	}
	out := []any{}
next:
	for _, e := range arr {
		for _, o := range out {
			if equal(o, e) {
				continue next
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// javaLen is the length of s in UTF-16 code units, which is how the Java
// service counts "characters".
func javaLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func fnBase64Encode(c *call, args []value, _ *env) (any, error) {
	s, ok := args[0].v.(string)
	if !ok || javaLen(s) > maxBase64 {
		return nil, invalid(c)
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

func fnBase64Decode(c *call, args []value, _ *env) (any, error) {
	s, ok := args[0].v.(string)
	if !ok || javaLen(s) > maxBase64 {
		return nil, invalid(c)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, invalid(c)
	}
	if !utf8.Valid(b) {
		// Decoded bytes become a JSON string; invalid UTF-8 is replaced, as
		// a Java String built from the bytes would.
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return string(b), nil
}

var hashes = map[string]func() hash.Hash{
	"MD5":     md5.New,
	"SHA-1":   sha1.New,
	"SHA-256": sha256.New,
	"SHA-384": sha512.New384,
	"SHA-512": sha512.New,
}

func fnHash(c *call, args []value, _ *env) (any, error) {
	var data string
	switch x := args[0].v.(type) {
	case string:
		data = x
	default:
		// A non-string value is hashed as its JSON text.
		s, err := jsonv.EncodeString(x)
		if err != nil {
			return nil, invalid(c)
		}
		data = s
	}
	alg, ok := args[1].v.(string)
	if !ok {
		return nil, invalid(c)
	}
	newHash, ok := hashes[alg]
	if !ok || javaLen(data) > maxHashInput {
		return nil, invalid(c)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

func fnJSONMerge(c *call, args []value, _ *env) (any, error) {
	a, ok1 := args[0].v.(map[string]any)
	b, ok2 := args[1].v.(map[string]any)
	if !ok1 || !ok2 {
		return nil, invalid(c)
	}
	// Only shallow merging exists; the deep-merge flag must be false.
	if deep, ok := args[2].v.(bool); !ok || deep {
		return nil, invalid(c)
	}
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out, nil
}

func fnMathRandom(c *call, args []value, e *env) (any, error) {
	start, ok1 := roundInt(args[0].v)
	end, ok2 := roundInt(args[1].v)
	if !ok1 || !ok2 || end <= start {
		return nil, invalid(c)
	}
	span := uint64(end) - uint64(start)
	if span > math.MaxInt64 {
		return nil, invalid(c)
	}
	if len(args) == 3 {
		seed, ok := roundInt(args[2].v)
		if !ok {
			return nil, invalid(c)
		}
		r := rand.New(rand.NewPCG(uint64(seed), 0))
		return start + r.Int64N(int64(span)), nil
	}
	return start + e.rnd.Int64N(int64(span)), nil
}

func fnMathAdd(c *call, args []value, _ *env) (any, error) {
	a, ok1 := roundInt(args[0].v)
	b, ok2 := roundInt(args[1].v)
	if !ok1 || !ok2 {
		return nil, invalid(c)
	}
	sum := a + b
	if (b > 0 && sum < a) || (b < 0 && sum > a) {
		return nil, invalid(c)
	}
	return sum, nil
}

func fnStringSplit(c *call, args []value, _ *env) (any, error) {
	s, ok1 := args[0].v.(string)
	delims, ok2 := args[1].v.(string)
	if !ok1 || !ok2 {
		return nil, invalid(c)
	}
	// Every character of the second argument is a delimiter, and empty
	// pieces are dropped.
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) })
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

func fnUUID(_ *call, _ []value, e *env) (any, error) {
	return e.rnd.UUID(), nil
}

// globalRand is the Rand used when Eval is given none.
type globalRand struct{}

func (globalRand) Int64N(n int64) int64 { return rand.Int64N(n) }

func (globalRand) UUID() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return FormatUUID(b)
}

// FormatUUID formats 16 random bytes as a version-4, variant-1 UUID. A Rand
// implementation can use it to build UUID from its own source.
func FormatUUID(b [16]byte) string {
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
