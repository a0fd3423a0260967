// Package maprun models the Map Run of a Distributed Map, and the pure parts
// of the Distributed Map around it.
//
// What it models:
//
//   - [MapRun], the record DescribeMapRun and ListMapRuns report: ARNs,
//     label, status, dates, MaxConcurrency, the tolerated-failure
//     thresholds, redriveCount and redriveDate, and the executionCounts and
//     itemCounts kept exactly consistent, in O(1), as children change status
//     ([MapRun.Add], [MapRun.Move]), with an invariant checker, [Check].
//   - Map Run redrive bookkeeping (spec 2): [MapRun.Redriven], [MaxRedrives],
//     PENDING_REDRIVE children, pendingRedrive and failuresNotRedrivable.
//   - Tolerated failure (spec 2.5): [MapRun.ToleranceExceeded].
//   - Labels and ARNs (spec 4.1, 4.2): [Label], [ARNs], [ID], on top of the
//     execution package's builders and label rules.
//   - ItemReader over an object's bytes: JSON, JSON Lines and CSV
//     ([ReaderConfig.Read]), and the items of s3:listObjectsV2
//     ([ListObjects]).
//   - ItemBatcher: [Batch].
//   - ResultWriter: the manifest and result files, [WriteResults].
//
// What it does not model: running children (the interpreter and the engine
// do), the object store itself (the engine holds it), ItemReader MANIFEST
// (S3 inventory) and PARQUET inputs, JSON ItemsPointer, ResultWriter
// WriterConfig (Transformation and OutputType other than the default), and
// splitting result files past AWS's size limit (every group is one _0 file).
//
// # Counters
//
// A child is in exactly one status at a time, and each status has one
// counter: [Pending] (not started), RUNNING, SUCCEEDED, FAILED, TIMED_OUT,
// ABORTED and PENDING_REDRIVE. So the seven counters add up to total, for
// executions and for items (a child processes one item, or one batch).
// failuresNotRedrivable counts a subset of the unsuccessful children and
// resultsWritten a subset of all of them.
//
// The developer guide says a redrive resets the Failed count to 0, and for
// Express children the Aborted count too (spec 2.4). Here that follows from
// the moves: a redrive moves every child it re-runs out of FAILED, TIMED_OUT
// or ABORTED, into RUNNING or (concurrency full) PENDING_REDRIVE. Children it
// cannot re-run stay where they were and are counted by
// failuresNotRedrivable. The exact sequence is not documented (spec 2.4
// UNSPECIFIED); this is the choice recorded in docs/decisions.md.
//
// Decisions that rest on no AWS document are listed in docs/decisions.md
// under "Distributed Map".
package maprun
