package sfnmem

import "hash/maphash"

// executionIndex finds an engine's executions by ARN, and by seq (their
// start order, which names them in their task tokens: appendTokenPrefix).
//
// An engine keeps every execution it runs, and its index grows with them.
// A map keyed by the ARN strings rehashes every ARN each time a table of
// it splits, reading each string where it lies, long out of the cache:
// with 100,000s of executions that cost ~1 µs an execution. So the ARNs
// are hashed once, into the key of a map of plain numbers, which splits
// without reading any string, and which the garbage collector never scans.
// A hash two ARNs share (one in 2^64 pairs) sends the second to clashes.
type executionIndex struct {
	seed    maphash.Seed
	all     []*executionState          // by seq
	byHash  map[uint64]uint32          // an ARN's hash → the seq of the first execution with it
	clashes map[string]*executionState // the executions whose ARN's hash another's has; made on first use
}

func newExecutionIndex() executionIndex {
	return executionIndex{seed: maphash.MakeSeed(), byHash: map[uint64]uint32{}}
}

// get returns the execution arn names.
func (ix *executionIndex) get(arn string) (*executionState, bool) {
	if i, ok := ix.byHash[maphash.String(ix.seed, arn)]; ok {
		if x := ix.all[i]; x.x.ARN == arn {
			return x, true
		}
	}
	x, ok := ix.clashes[arn] // nil map: not found
	return x, ok
}

// add indexes x, whose seq must be the next (len) and whose ARN no other
// indexed execution has.
func (ix *executionIndex) add(x *executionState) {
	if x.seq != len(ix.all) {
		panic("sfnmem: an execution indexed out of its start order") // a broken invariant
	}
	ix.all = append(ix.all, x)
	h := maphash.String(ix.seed, x.x.ARN)
	if _, taken := ix.byHash[h]; !taken {
		ix.byHash[h] = uint32(x.seq)
		return
	}
	if ix.clashes == nil {
		ix.clashes = map[string]*executionState{}
	}
	ix.clashes[x.x.ARN] = x
}

// bySeq returns the execution started seq-th.
func (ix *executionIndex) bySeq(seq int) (*executionState, bool) {
	if seq < 0 || seq >= len(ix.all) {
		return nil, false
	}
	return ix.all[seq], true
}

// len returns how many executions the engine keeps; the next one's seq.
func (ix *executionIndex) len() int { return len(ix.all) }
