package asl

// ChoiceRule is one Choices element, or a nested rule inside And/Or/Not.
// Top-level rules have Next set.
type ChoiceRule struct {
	Next string

	And []*ChoiceRule
	Or  []*ChoiceRule
	Not *ChoiceRule

	Variable string // JSONPath
	Operator string // e.g. "StringEquals", "NumericLessThanPath", "IsPresent"
	Operand  any    // literal operand, or the path text for ...Path operators
}

// Match evaluates the rule against input and the context object ctx. A
// comparison whose Variable selects nothing is false (IsPresent excepted); a
// ...Path operand that selects nothing gives a *RuntimeError.
func (r *ChoiceRule) Match(input, ctx any) (bool, error) { panic("TODO") }
