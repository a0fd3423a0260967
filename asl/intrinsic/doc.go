// Package intrinsic evaluates the States Language intrinsic functions used in
// JSONPath payload templates (Parameters, ResultSelector, ItemSelector):
// States.Format, StringToJson, JsonToString, Array, ArrayPartition,
// ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique,
// Base64Encode, Base64Decode, Hash, JsonMerge, MathRandom, MathAdd,
// StringSplit and UUID, as the AWS "Intrinsic functions" page documents them.
//
// It models:
//
//   - the call syntax: 'string' literals with the escapes \' \{ \} and \\
//     (any other backslash is an error), JSON numbers, true, false, null,
//     paths into the input ("$...") or the context object ("$$..."), and
//     nested calls, at most MaxNesting deep;
//   - definition-time checks (Validate): unknown functions, argument counts,
//     the path argument States.JsonToString requires, malformed paths;
//   - run-time checks with AWS's limits: ArrayRange yields at most 1000
//     items, Base64Encode/Base64Decode/Hash take at most 10,000 characters,
//     JsonMerge only merges shallowly (its flag must be false), integers
//     where AWS requires them.
//
// Failures are *Error values: States.Runtime when a path argument selects
// nothing, States.IntrinsicFailure otherwise, with the cause "Invalid
// arguments in States.X".
//
// Choices AWS does not document (recorded in docs/decisions.md):
//
//   - Fractional numbers where integers are required (ArrayRange, MathAdd,
//     MathRandom) are rounded half up, like Java's Math.round; ArrayGetItem
//     and ArrayPartition require whole numbers.
//   - ArrayRange whose step points away from the end gives []; MathRandom's
//     end is exclusive and must exceed its start; a seeded MathRandom is
//     deterministic per seed (our generator, not AWS's numbers).
//   - "Characters" in the 10,000-character limits are UTF-16 code units, as
//     in Java.
//   - States.Hash hashes a non-string value as its JSON text (sorted keys).
//   - States.StringSplit splits on every character of its second argument
//     and drops empty pieces.
//   - States.Format renders numbers and booleans as JSON does and null as
//     "null"; a template read from a path has no escapes (every "{}" is a
//     placeholder); a lone unescaped '{' or '}' in a literal is kept as text.
//   - ArrayContains and ArrayUnique compare JSON values by value (1 equals
//     1.0).
//   - Number and placeholder-count mismatches are found at run time, not by
//     Validate.
//
// Parsed calls are cached by their text.
package intrinsic
