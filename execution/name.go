package execution

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Length limits of names, counted in Unicode scalar values (runes), which is
// how Smithy's length trait measures strings (spec 4.2).
const (
	MaxNameLength      = 80 // execution, state machine and activity names (Name shape)
	MaxLabelLength     = 40 // Map Run labels
	MaxAliasNameLength = 80 // alias names (CharacterRestrictedName shape)
)

// NameError reports a name or label that breaks the rules of spec 4.2.
// Its Error is a short reason; [NameError.Message] is the text AWS answers with.
type NameError struct {
	Field  string // "name" or "label"
	Value  string // the rejected value, as given
	Reason string // what is wrong, e.g. `contains "/" at byte 3`

	// Length is true when the problem is the length and not a character. AWS
	// checks lengths as model constraints and answers ValidationException;
	// a forbidden character in a name is InvalidName.
	Length bool
}

// Error returns the field and the reason, e.g. `name "a b": contains white space U+0020 at byte 1`.
func (e *NameError) Error() string {
	return e.Field + " " + strconv.Quote(e.Value) + ": " + e.Reason
}

// Message returns the text the engine should put in the error it returns
// for this problem: [InvalidNameMessage] for a forbidden character, the
// ValidationException text of [LengthMessage] for a length violation.
func (e *NameError) Message() string {
	if !e.Length {
		return InvalidNameMessage(e.Value)
	}
	limit := MaxNameLength
	if e.Field == "label" {
		limit = MaxLabelLength
	}
	return LengthMessage(e.Field, e.Value, 1, limit)
}

// InvalidNameMessage returns the message of the InvalidName error for name,
// `Invalid Name: '<name>'`, as AWS recorded it for CreateActivity in
// localstack's snapshot test_create_activity_invalid_name (2024-03-04).
func InvalidNameMessage(name string) string {
	return "Invalid Name: '" + name + "'"
}

// LengthMessage returns the ValidationException message AWS gives when
// value, sent as member, is shorter than min or longer than max runes:
//
//	1 validation error detected: Value 'xxx' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80
//
// It returns "" when the length is within bounds.
func LengthMessage(member, value string, min, max int) string {
	n := utf8.RuneCountInString(value)
	var rule string
	switch {
	case n < min:
		rule = "greater than or equal to " + strconv.Itoa(min)
	case n > max:
		rule = "less than or equal to " + strconv.Itoa(max)
	default:
		return ""
	}
	return "1 validation error detected: Value '" + value + "' at '" + member +
		"' failed to satisfy constraint: Member must have length " + rule
}

// ValidateName checks an execution or state machine name against the Step
// Functions rules (spec 4.2): 1–80 characters; no whitespace, brackets,
// wildcards, the special characters " # % \ ^ | ~ ` $ & , ; : /, control
// characters, U+FFFE–FFFF, surrogates or U+10FFFF. It returns a short reason
// naming the problem, or nil.
//
// Characters are runes: "é" is one character, as Smithy counts. Other
// non-ASCII characters are allowed (CloudWatch logging then does not work, an
// AWS caveat this package does not model). A string that is not valid UTF-8
// is rejected, because it cannot reach AWS as such. The error is a
// *[NameError].
func ValidateName(name string) error {
	if err := checkLength("name", name, MaxNameLength); err != nil {
		return err
	}
	if i, r, ok := firstForbidden(name, nameForbids); ok {
		return forbidden("name", name, i, r)
	}
	return nil
}

// ValidateLabel checks a Map Run label (spec 4.2): at most 40 characters and
// none of the characters labels forbid.
//
// The empty label passes: a Map state without a Label gets a generated one.
// Labels forbid white space, ? *, < > { } [ ], : ; , \ | ^ ~ $ # % & ` " and
// control characters; unlike names, they do not forbid "/" (spec 4.2, from
// the Distributed Map page). The error is a *[NameError].
func ValidateLabel(label string) error {
	if utf8.RuneCountInString(label) > MaxLabelLength {
		return &NameError{Field: "label", Value: label, Length: true,
			Reason: "longer than " + strconv.Itoa(MaxLabelLength) + " characters"}
	}
	if i, r, ok := firstForbidden(label, labelForbids); ok {
		return forbidden("label", label, i, r)
	}
	return nil
}

// ValidAliasName reports whether s is a valid alias name: 1–80 characters
// from [a-zA-Z0-9_.-], at least one of them not a digit, so that an alias
// never reads as a version number (CharacterRestrictedName, spec 4.2).
func ValidAliasName(s string) bool {
	if s == "" || len(s) > MaxAliasNameLength {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '-', c == '.':
			letter = true
		default:
			return false
		}
	}
	return letter
}

func checkLength(field, value string, max int) error {
	n := utf8.RuneCountInString(value)
	switch {
	case n == 0:
		return &NameError{Field: field, Value: value, Length: true, Reason: "empty"}
	case n > max:
		return &NameError{Field: field, Value: value, Length: true,
			Reason: "longer than " + strconv.Itoa(max) + " characters"}
	}
	return nil
}

func forbidden(field, value string, i int, r rune) error {
	var reason string
	switch {
	case r == utf8.RuneError:
		reason = fmt.Sprintf("is not valid UTF-8 at byte %d", i)
	case unicode.IsSpace(r):
		reason = fmt.Sprintf("contains white space %U at byte %d", r, i)
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		reason = fmt.Sprintf("contains control character %U at byte %d", r, i)
	case r > unicode.MaxASCII:
		reason = fmt.Sprintf("contains forbidden character %U at byte %d", r, i)
	default:
		reason = fmt.Sprintf("contains %q at byte %d", string(r), i)
	}
	return &NameError{Field: field, Value: value, Reason: reason}
}

// asciiSet is a set of ASCII bytes, one bit each.
type asciiSet [2]uint64

func (s *asciiSet) has(c byte) bool { return c < 128 && s[c/64]&(1<<(c%64)) != 0 }

func makeASCIISet(chars string) asciiSet {
	var s asciiSet
	for i := 0; i < len(chars); i++ {
		s[chars[i]/64] |= 1 << (chars[i] % 64)
	}
	for c := 0; c < 0x20; c++ {
		s[c/64] |= 1 << (c % 64)
	}
	s[0x7f/64] |= 1 << (0x7f % 64)
	return s
}

var (
	// nameForbids: white space, brackets, wildcards, specials and the C0
	// controls and DEL (spec 4.2).
	nameForbids = makeASCIISet(" <>{}[]?*\"#%\\^|~`$&,;:/")
	// labelForbids: as names, without "/" (spec 4.2).
	labelForbids = makeASCIISet(" <>{}[]?*\"#%\\^|~`$&,;:")
)

// firstForbidden returns the byte index and rune of the first character of s
// that set forbids, or that is forbidden beyond ASCII: C1 controls, Unicode
// white space, U+FFFE, U+FFFF, U+10FFFF and invalid UTF-8 (which is how
// surrogates arrive in a Go string). It allocates nothing.
func firstForbidden(s string, set asciiSet) (int, rune, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if set.has(c) {
				return i, rune(c), true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 ||
			r >= 0x80 && r <= 0x9f ||
			r == 0xfffe || r == 0xffff || r == 0x10ffff ||
			unicode.IsSpace(r) {
			return i, r, true
		}
		i += size
	}
	return 0, 0, false
}
