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
//
// An ARN names one execution, the latest indexed under it: a restarted
// Express child of a Map Run is a new execution under its old ARN. The one
// it replaced keeps its seq (its task tokens still find it, closed) but is
// no longer listed (current).
type executionIndex struct {
	seed    maphash.Seed
	all     []*executionState          // by seq; nil for a seq no execution has (a restored engine's replaced ones)
	byHash  map[uint64]uint32          // an ARN's hash → the seq of the execution it names
	clashes map[string]*executionState // the executions whose ARN's hash another ARN's has; made on first use
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

// add indexes x, whose seq must be past every indexed one's, and makes its
// ARN name it.
func (ix *executionIndex) add(x *executionState) {
	if x.seq < len(ix.all) {
		panic("sfnmem: an execution indexed out of its start order") // a broken invariant
	}
	for len(ix.all) < x.seq {
		ix.all = append(ix.all, nil)
	}
	ix.all = append(ix.all, x)
	h := maphash.String(ix.seed, x.x.ARN)
	if i, taken := ix.byHash[h]; taken && ix.all[i].x.ARN != x.x.ARN {
		if ix.clashes == nil {
			ix.clashes = map[string]*executionState{}
		}
		ix.clashes[x.x.ARN] = x
		return
	}
	ix.byHash[h] = uint32(x.seq)
}

// current reports whether x is the execution its ARN names.
func (ix *executionIndex) current(x *executionState) bool {
	y, _ := ix.get(x.x.ARN)
	return y == x
}

// listed returns the executions their ARNs name, in start order.
func (ix *executionIndex) listed() []*executionState {
	xs := make([]*executionState, 0, len(ix.all))
	for _, x := range ix.all {
		if x != nil && ix.current(x) {
			xs = append(xs, x)
		}
	}
	return xs
}

// bySeq returns the execution started seq-th.
func (ix *executionIndex) bySeq(seq int) (*executionState, bool) {
	if seq < 0 || seq >= len(ix.all) || ix.all[seq] == nil {
		return nil, false
	}
	return ix.all[seq], true
}

// len returns the next execution's seq: past every indexed one.
func (ix *executionIndex) len() int { return len(ix.all) }
