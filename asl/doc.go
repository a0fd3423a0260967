// Package asl parses and validates Amazon States Language definitions into
// typed states, and evaluates the parts of the language that need no engine:
// paths, payload templates, Choice rules, and Retry/Catch matching.
//
// # What it models
//
// [Parse] accepts the JSONPath query language with all eight state types and
// every field AWS documents for them, including the Distributed Map fields
// (ItemReader, ItemBatcher and ResultWriter are kept raw for the engine). It
// reports every problem it finds at once, in a [*DefinitionError] whose text
// has the shape of AWS's InvalidDefinition message:
//
//	Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Y at /States/X/Next'
//
// The codes and message texts that public recordings of AWS show are used
// verbatim: "Field 'X' is not supported" (SCHEMA_VALIDATION_FAILED),
// "Missing 'Next' target: Y" for every kind of transition (Next, Choices[i].Next,
// Default, Catch[i].Next), "State \"X\" is not reachable." (also
// MISSING_TRANSITION_TARGET), and "Workflow has no terminal state"
// (MISSING_END_STATE, with no location, which AWS prints as "at null", and
// which suppresses the unreachable-state check). Array elements are located
// as AWS writes them: /States/C/Choices[0]/Next. Other message texts are
// sfnmem's own, short and stable (recorded in docs/decisions.md).
//
// [Select], [ApplyInputPath] and [ApplyResultPath] implement the path fields,
// [Template] the payload templates (Parameters, ResultSelector, ItemSelector),
// [ChoiceRule.Match] every Choice operator, and [Matches], [FindRetrier],
// [FindCatcher] and [Retrier.Delay] error handling. Runtime failures are
// [*RuntimeError] values carrying the States error name and the cause text
// AWS uses; the engine prefixes causes with "An error occurred while
// executing the state '...' (entered at the event id #n). " as AWS does.
//
// # What it does not model
//
//   - The JSONata query language: a definition that sets QueryLanguage to
//     JSONata anywhere is refused.
//   - Workflow variables (Assign) are refused.
//   - States.ALL and States.TaskFailed never match States.Runtime or
//     States.DataLimitExceeded, and FindRetrier/FindCatcher never handle
//     States.Runtime, as the AWS error-handling guide says; whether an
//     explicitly named States.DataLimitExceeded is caught is left to
//     exact-name matching (the guide is silent).
//   - Payload size quotas (States.DataLimitExceeded) are the engine's concern.
//
// JSONPath evaluation itself lives in asl/jsonpath and the intrinsic
// functions in asl/intrinsic.
package asl
