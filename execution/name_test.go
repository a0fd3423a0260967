package execution

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		wantErr   bool
		wantLen   bool   // the error is a length violation
		wantInErr string // substring of the reason
	}{
		{"simple", "my-execution_1", false, false, ""},
		{"dots and parens allowed", "a.b(c)+d=e@f!g'h", false, false, ""},
		{"one character", "a", false, false, ""},
		{"80 ASCII characters", strings.Repeat("a", 80), false, false, ""},
		{"80 non-ASCII runes", strings.Repeat("é", 80), false, false, ""},
		{"80 four-byte runes", strings.Repeat("😀", 80), false, false, ""},
		{"non-ASCII allowed", "注文-ß-π-😀", false, false, ""},
		{"replacement character allowed", "a\uFFFDb", false, false, ""},
		{"U+FFFD..FFFC neighbours allowed", "a\uFFFCb", false, false, ""},
		{"U+10FFFE allowed", "a\U0010FFFEb", false, false, ""},

		{"empty", "", true, true, "empty"},
		{"81 ASCII characters", strings.Repeat("a", 81), true, true, "longer than 80"},
		{"81 non-ASCII runes", strings.Repeat("é", 81), true, true, "longer than 80"},

		{"space", "a b", true, false, "white space U+0020"},
		{"tab", "a\tb", true, false, "white space U+0009"},
		{"newline", "a\nb", true, false, "white space U+000A"},
		{"no-break space", "a\u00a0b", true, false, "white space U+00A0"},
		{"ideographic space", "a\u3000b", true, false, "white space U+3000"},
		{"line separator", "a\u2028b", true, false, "white space U+2028"},

		{"less than", "a<b", true, false, `"<"`},
		{"greater than", "a>b", true, false, `">"`},
		{"left brace", "a{b", true, false, `"{"`},
		{"right brace", "a}b", true, false, `"}"`},
		{"left bracket", "a[b", true, false, `"["`},
		{"right bracket", "a]b", true, false, `"]"`},

		{"question mark", "a?b", true, false, `"?"`},
		{"asterisk", "a*b", true, false, `"*"`},

		{"double quote", `a"b`, true, false, `"\""`},
		{"hash", "a#b", true, false, `"#"`},
		{"percent", "a%b", true, false, `"%"`},
		{"backslash", `a\b`, true, false, `"\\"`},
		{"caret", "a^b", true, false, `"^"`},
		{"pipe", "a|b", true, false, `"|"`},
		{"tilde", "a~b", true, false, `"~"`},
		{"backtick", "a`b", true, false, "\"`\""},
		{"dollar", "a$b", true, false, `"$"`},
		{"ampersand", "a&b", true, false, `"&"`},
		{"comma", "a,b", true, false, `","`},
		{"semicolon", "a;b", true, false, `";"`},
		{"colon", "a:b", true, false, `":"`},
		{"slash", "a/b", true, false, `"/"`},

		{"NUL", "a\x00b", true, false, "control character U+0000"},
		{"U+001F", "a\x1fb", true, false, "control character U+001F"},
		{"DEL", "a\x7fb", true, false, "control character U+007F"},
		{"U+0080", "a\u0080b", true, false, "control character U+0080"},
		{"U+009F", "a\u009fb", true, false, "control character U+009F"},
		{"U+FFFE", "a\ufffeb", true, false, "forbidden character U+FFFE"},
		{"U+FFFF", "a\uffffb", true, false, "forbidden character U+FFFF"},
		{"U+10FFFF", "a\U0010FFFFb", true, false, "forbidden character U+10FFFF"},
		{"encoded surrogate", "a\xed\xa0\x80b", true, false, "not valid UTF-8 at byte 1"},
		{"invalid UTF-8", "ab\xff", true, false, "not valid UTF-8 at byte 2"},
		{"first problem wins", "a b/c", true, false, "at byte 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateName(tt.in)
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("ValidateName(%q) = %v, want nil", tt.in, err)
				}
				return
			}
			var ne *NameError
			if !errors.As(err, &ne) {
				t.Fatalf("ValidateName(%q) = %v, want *NameError", tt.in, err)
			}
			if ne.Length != tt.wantLen || ne.Field != "name" || ne.Value != tt.in {
				t.Errorf("ValidateName(%q) = %+v, want Length=%v Field=name Value=input", tt.in, ne, tt.wantLen)
			}
			if !strings.Contains(ne.Reason, tt.wantInErr) {
				t.Errorf("ValidateName(%q) reason = %q, want it to contain %q", tt.in, ne.Reason, tt.wantInErr)
			}
		})
	}
}

func TestValidateLabel(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr bool
		wantLen bool
	}{
		{"empty means absent", "", false, false},
		{"simple", "demoLabel", false, false},
		{"slash allowed in labels", "a/b", false, false},
		{"non-ASCII allowed", "ラベル", false, false},
		{"40 characters", strings.Repeat("x", 40), false, false},
		{"40 non-ASCII runes", strings.Repeat("é", 40), false, false},
		{"41 characters", strings.Repeat("x", 41), true, true},
		{"space", "a b", true, false},
		{"tab", "a\tb", true, false},
		{"question mark", "a?", true, false},
		{"asterisk", "a*", true, false},
		{"less than", "<", true, false},
		{"greater than", ">", true, false},
		{"braces", "{}", true, false},
		{"brackets", "[]", true, false},
		{"colon", "a:b", true, false},
		{"semicolon", "a;b", true, false},
		{"comma", "a,b", true, false},
		{"backslash", `a\b`, true, false},
		{"pipe", "a|b", true, false},
		{"caret", "a^b", true, false},
		{"tilde", "a~b", true, false},
		{"dollar", "a$b", true, false},
		{"hash", "a#b", true, false},
		{"percent", "a%b", true, false},
		{"ampersand", "a&b", true, false},
		{"backtick", "a`b", true, false},
		{"double quote", `a"b`, true, false},
		{"control", "a\x01b", true, false},
		{"C1 control", "a\u0085b", true, false},
		{"invalid UTF-8", "a\xffb", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateLabel(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ValidateLabel(%q) = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err == nil {
				return
			}
			var ne *NameError
			if !errors.As(err, &ne) || ne.Length != tt.wantLen || ne.Field != "label" {
				t.Errorf("ValidateLabel(%q) = %#v, want *NameError Field=label Length=%v", tt.in, err, tt.wantLen)
			}
		})
	}
}

func TestValidAliasName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"PROD", true},
		{"prod-2.v_1", true},
		{"1a", true},
		{"_", true},
		{".", true},
		{strings.Repeat("a", 80), true},
		{strings.Repeat("a", 81), false},
		{"", false},
		{"10", false}, // an integer would clash with a version
		{"0", false},
		{"a b", false},
		{"a:b", false},
		{"a/b", false},
		{"é", false},
	}
	for _, tt := range tests {
		if got := ValidAliasName(tt.in); got != tt.want {
			t.Errorf("ValidAliasName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestNameMessages pins the AWS message texts; they are compared as strings
// on purpose.
func TestNameMessages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  string
		want string
	}{
		{
			"InvalidName, as recorded for CreateActivity",
			InvalidNameMessage("TestActivity InvalidName$"),
			"Invalid Name: 'TestActivity InvalidName$'",
		},
		{
			"forbidden character",
			messageOf(ValidateName("a b")),
			"Invalid Name: 'a b'",
		},
		{
			"too long",
			messageOf(ValidateName(strings.Repeat("a", 81))),
			"1 validation error detected: Value '" + strings.Repeat("a", 81) +
				"' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80",
		},
		{
			"empty",
			messageOf(ValidateName("")),
			"1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1",
		},
		{
			"label too long",
			messageOf(ValidateLabel(strings.Repeat("a", 41))),
			"1 validation error detected: Value '" + strings.Repeat("a", 41) +
				"' at 'label' failed to satisfy constraint: Member must have length less than or equal to 40",
		},
		{
			"length within bounds",
			LengthMessage("executionArn", "x", 1, 256),
			"",
		},
		{
			"ARN too long",
			LengthMessage("executionArn", strings.Repeat("x", 257), 1, 256),
			"1 validation error detected: Value '" + strings.Repeat("x", 257) +
				"' at 'executionArn' failed to satisfy constraint: Member must have length less than or equal to 256",
		},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, tt.got, tt.want)
		}
	}
}

func messageOf(err error) string {
	var ne *NameError
	if !errors.As(err, &ne) {
		return "not a *NameError: " + err.Error()
	}
	return ne.Message()
}

func TestNameErrorError(t *testing.T) {
	t.Parallel()
	got := ValidateName("a b").Error()
	want := `name "a b": contains white space U+0020 at byte 1`
	if got != want {
		t.Errorf("ValidateName(%q).Error() = %q, want %q", "a b", got, want)
	}
}

func BenchmarkValidateName(b *testing.B) {
	names := []string{"order-2024-01-02_abc", strings.Repeat("é", 80), "bad name"}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names[:2] {
			if err := ValidateName(n); err != nil {
				b.Fatal(err)
			}
		}
	}
}
