package execution

// ValidateName checks an execution or state machine name against the Step
// Functions rules (spec 4.2): 1–80 characters; no whitespace, brackets,
// wildcards, the special characters " # % \ ^ | ~ ` $ & , ; : /, control
// characters, U+FFFE–FFFF, surrogates or U+10FFFF. It returns a short reason
// naming the problem, or nil.
func ValidateName(name string) error { panic("TODO") }

// ValidateLabel checks a Map Run label (spec 4.2): at most 40 characters and
// none of the characters labels forbid.
func ValidateLabel(label string) error { panic("TODO") }
