package history

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// DefaultMaxResults is the page size when PageRequest.MaxResults is 0, and
// MaxMaxResults the largest accepted (API-GetHist).
const (
	DefaultMaxResults = 100
	MaxMaxResults     = 1000
)

// PageRequest is one GetExecutionHistory page request.
type PageRequest struct {
	MaxResults           int    // 0 means 100; the caller validates 0..1000
	NextToken            string // "" for the first page
	Reverse              bool
	IncludeExecutionData bool
}

// Page returns one page of deep-copied events (never aliasing the log) and the
// token for the next page ("" on the last page). Without IncludeExecutionData
// the input and output members (and their *Details) are left out of every
// event. A token issued for other Reverse value, or not issued by Page, gives
// ErrInvalidToken.
//
// A forward listing ends at the last event present when its last page is
// read; a reverse listing starts at the last event present when its first
// page is read. A page costs O(MaxResults), whatever the log's length. Tokens
// do not expire and do not record MaxResults or IncludeExecutionData, which
// may change between pages. MaxResults outside 0..1000 is an error.
func (l *Log) Page(req PageRequest) ([]types.HistoryEvent, string, error) {
	size := req.MaxResults
	switch {
	case size == 0:
		size = DefaultMaxResults
	case size < 0 || size > MaxMaxResults:
		return nil, "", fmt.Errorf("history: maxResults %d outside 0..%d", req.MaxResults, MaxMaxResults)
	}
	n := int64(l.n)
	next := int64(1) // id of the first event of the page
	if req.Reverse {
		next = n
	}
	if req.NextToken != "" {
		var err error
		if next, err = l.decodeToken(req.NextToken, req.Reverse); err != nil {
			return nil, "", err
		}
	}
	if n == 0 {
		return []types.HistoryEvent{}, "", nil
	}

	var first, last, step int64 // ids, inclusive, in listing order
	if req.Reverse {
		first, last, step = next, max(next-int64(size)+1, 1), -1
	} else {
		first, last, step = next, min(next+int64(size)-1, n), 1
	}
	page := make([]types.HistoryEvent, 0, (last-first)*step+1)
	cl := &cloner{}
	r := l.reader()
	for id := first; ; id += step {
		// Build the event in its place in the page: a fresh timestamp (from
		// the slab) and the log's details, which cloneMembers then copies.
		page = page[:len(page)+1]
		e := &page[len(page)-1]
		if !l.fill(e, int(id-1), r.entry(int(id-1)), cl) {
			cloneMembers(cl, e)
		}
		if !req.IncludeExecutionData {
			stripData(e)
		}
		if id == last {
			break
		}
	}

	var token string
	switch {
	case req.Reverse && last > 1:
		token = l.encodeToken(last-1, true)
	case !req.Reverse && last < n:
		token = l.encodeToken(last+1, false)
	}
	return page, token, nil
}

// stripData removes the execution data (input, output and their *Details)
// from e's details, which must be e's own copy.
func stripData(e *types.HistoryEvent) {
	if i := memberOf[e.Type]; i != noDetails && members[i].strip != nil {
		members[i].strip(e)
	}
}

func stripActivityScheduled(d *types.ActivityScheduledEventDetails) {
	d.Input, d.InputDetails = nil, nil
}

func stripActivitySucceeded(d *types.ActivitySucceededEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

func stripExecutionStarted(d *types.ExecutionStartedEventDetails) {
	d.Input, d.InputDetails = nil, nil
}

func stripExecutionSucceeded(d *types.ExecutionSucceededEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

func stripLambdaFunctionScheduled(d *types.LambdaFunctionScheduledEventDetails) {
	d.Input, d.InputDetails = nil, nil
}

func stripLambdaFunctionSucceeded(d *types.LambdaFunctionSucceededEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

func stripStateEntered(d *types.StateEnteredEventDetails) {
	d.Input, d.InputDetails = nil, nil
}

func stripStateExited(d *types.StateExitedEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

func stripTaskSubmitted(d *types.TaskSubmittedEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

func stripTaskSucceeded(d *types.TaskSucceededEventDetails) {
	d.Output, d.OutputDetails = nil, nil
}

// Page tokens are base64url (unpadded) of
//
//	version byte | flags byte | uvarint next id | 8-byte FNV-1a checksum
//
// where the checksum covers the log's key and the bytes before it. The flags
// byte holds the direction, so a forward token is refused in reverse.
const (
	tokenVersion = 1
	flagReverse  = 1
	checksumSize = 8
)

// encodeToken returns the token that resumes a listing at id next.
func (l *Log) encodeToken(next int64, reverse bool) string {
	b := make([]byte, 0, 2+binary.MaxVarintLen64+checksumSize)
	flags := byte(0)
	if reverse {
		flags = flagReverse
	}
	b = append(b, tokenVersion, flags)
	b = binary.AppendUvarint(b, uint64(next))
	b = binary.BigEndian.AppendUint64(b, l.checksum(b))
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeToken returns the id a token resumes at, or ErrInvalidToken.
func (l *Log) decodeToken(tok string, reverse bool) (int64, error) {
	if len(tok) > 64 {
		return 0, ErrInvalidToken
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) < 2+1+checksumSize {
		return 0, ErrInvalidToken
	}
	body, sum := b[:len(b)-checksumSize], b[len(b)-checksumSize:]
	if binary.BigEndian.Uint64(sum) != l.checksum(body) || body[0] != tokenVersion {
		return 0, ErrInvalidToken
	}
	wantFlags := byte(0)
	if reverse {
		wantFlags = flagReverse
	}
	next, k := binary.Uvarint(body[2:])
	if body[1] != wantFlags || k <= 0 || 2+k != len(body) {
		return 0, ErrInvalidToken
	}
	if next < 1 || next > uint64(l.n) {
		return 0, ErrInvalidToken
	}
	return int64(next), nil
}

// checksum is FNV-1a over the log's key and b.
func (l *Log) checksum(b []byte) uint64 {
	h := fnv.New64a()
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], l.tokenKey())
	h.Write(k[:])
	h.Write(b)
	return h.Sum64()
}

// logKey derives the key that binds page tokens to a log from its first
// event: its time, type and, for ExecutionStarted, the input and the state
// machine ARNs. Two executions whose first events agree on all of these
// accept each other's tokens; the engine may bind tokens more tightly.
func logKey(e *types.HistoryEvent) uint64 {
	h := fnv.New64a()
	h.Write([]byte("sfnmem/history/v1\x00"))
	h.Write(strconv.AppendInt(nil, e.Timestamp.UnixNano(), 10))
	h.Write([]byte("\x00" + string(e.Type)))
	if d := e.ExecutionStartedEventDetails; d != nil {
		for _, s := range []*string{d.Input, d.RoleArn, d.StateMachineAliasArn, d.StateMachineVersionArn} {
			h.Write([]byte{0})
			if s != nil {
				h.Write([]byte(*s))
			}
		}
	}
	return h.Sum64()
}

// Bind ties the log's page tokens to scope (the engine passes the execution
// ARN), so that a token of one execution is refused by every other, even one
// whose first event is identical. It may be called before or after the
// first event: the tokens are the same.
func (l *Log) Bind(scope string) {
	l.scope, l.keyed = scope, false
}

// tokenKey is the key page tokens are checksummed with: logKey of the first
// event mixed with the Bind scope. It is made when first needed, not when
// the first event is appended: most histories are never paged with a token.
func (l *Log) tokenKey() uint64 {
	if l.keyed {
		return l.key
	}
	var key uint64
	if l.n > 0 {
		e := l.event(0)
		key = logKey(&e)
	}
	if l.scope != "" {
		h := fnv.New64a()
		var k [8]byte
		binary.BigEndian.PutUint64(k[:], key)
		h.Write(k[:])
		h.Write([]byte(l.scope))
		key ^= h.Sum64()
	}
	l.key, l.keyed = key, l.n > 0 // an empty log's key changes with its first event
	return key
}
