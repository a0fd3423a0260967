// Package jsonpath evaluates JSONPath the way AWS Step Functions does.
//
// Step Functions documents that its paths follow JsonPath syntax and, in
// practice, evaluates them with Jayway's Java library. This package models:
//
//   - paths for selecting values (InputPath, OutputPath, Parameters "x.$",
//     ItemsPath, Choice Variables): "$", ".name", "['name']" (single or double
//     quotes, backslash escapes), "[n]" (negative counts from the end), "*",
//     "..", unions "[0,1]" and "['a','b']", slices "[a:b]", and filters
//     "[?(...)]" with Jayway's operators (==, !=, <, <=, >, >=, &&, ||, !, in,
//     nin, =~ /regex/, and @.x existence);
//   - Jayway's definite/indefinite rule: a path with no wildcard, "..",
//     union, slice or filter selects one value or nothing (found=false); any
//     other path selects a list, possibly empty;
//   - reference paths (ResultPath): "$" then only ".name", "['name']" and
//     "[n]", and Set, which places a value at one, creating missing
//     intermediate objects.
//
// What it does not model, and where it rests on a recorded decision rather
// than AWS documentation (docs/decisions.md):
//
//   - Path functions such as length() are rejected: AWS does not document
//     them for Step Functions.
//   - Decoded objects keep no member order, so wildcards and ".." visit object
//     members in sorted key order, where Jayway follows document order.
//   - A dot-notation name may hold letters, digits, '_', '-' and any
//     non-ASCII character; anything else needs bracket notation.
//   - Slice steps ("[0:10:2]") are rejected, as in Jayway.
//   - Under "..", a filter tests the children of each visited value; applied
//     directly to an object it tests the object itself, as Jayway does.
//   - Filter expressions are compiled by github.com/ohler55/ojg/jp, whose
//     filter language is Jayway's; inside a filter "$" means the value being
//     tested rather than the document root.
//   - Set does not create arrays: an index step needs an existing array and
//     an index inside it, and a member step needs an object (an explicit
//     null is not one).
//
// Compiled paths are cached by their text, so a path is parsed once.
package jsonpath
