// Package execution models a Step Functions execution record: its status and
// the transitions allowed between statuses, ARNs, and the naming rules.
//
// # What it models
//
//   - [Execution], the record DescribeExecution reports, and the status
//     machine of spec 1 and 2.3: [CanTransition], [Execution.Close],
//     [Execution.Reopen] (a redrive) and [Execution.PendRedrive] (a Map Run
//     child waiting for concurrency). Methods that change the record refuse a
//     forbidden move with a *[TransitionError] and change nothing. Times are
//     stored in UTC.
//   - [ARN]: parsing and building every Step Functions ARN of spec 4.1
//     (state machines, versions, aliases, labelled state machines, Standard
//     and Express executions, labelled children of a Distributed Map, Map
//     Runs, activities). [ParseARN] returns an *[ARNError] whose text is the
//     InvalidArn message; [ARN.Require] gives AWS's "Resource type not valid
//     in this context" error for an ARN of the wrong kind.
//   - Names (spec 4.2): [ValidateName], [ValidateLabel], [ValidAliasName],
//     and the messages AWS answers with, [InvalidNameMessage] and
//     [LengthMessage]. A too-long or empty name is a ValidationException in
//     AWS, a forbidden character an InvalidName: [NameError.Length] tells the
//     engine which.
//
// # What it does not model
//
// The interpreter state, the history, Map Run counters and redrivability
// live in other packages. This package does not hold a clock, does not know
// whether an ARN names something that exists, and does not map its errors to
// SDK error types (the engine's errors.go does).
//
// # Recorded decisions
//
// The AWS documents leave these open; docs/decisions.md records the choice:
//
//   - Lengths count runes (Unicode scalar values), as Smithy's length trait
//     does. Invalid UTF-8 is an invalid name. "White space" is Unicode white
//     space (unicode.IsSpace), including NO-BREAK SPACE.
//   - ValidateLabel accepts the empty label (no Label given); labels also
//     refuse C1 controls, U+FFFE, U+FFFF and U+10FFFF like names.
//   - Only two InvalidArn reasons are AWS's recorded texts ("Invalid ARN
//     prefix: <arn>", "Resource type not valid in this context: <kind>");
//     the others are this package's.
//   - Regions are lower-case letters, digits and single hyphens starting with
//     a letter, so "local" is accepted as well as "us-east-1". Map Run ids
//     and express ids need only be valid names, not UUIDs. Versions have no
//     leading zeros.
//   - Reopen from PENDING_REDRIVE counts the redrive; PendRedrive keeps the
//     last run's stopDate, error, cause and output until the child starts.
package execution
