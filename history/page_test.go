package history_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/sfnmem/sfnmem/history"
)

// logOf returns a log of n events: ExecutionStarted, then PassStateEntered
// events, each with the previous one as previousEventId.
func logOf(t testing.TB, n int) *history.Log {
	t.Helper()
	l := history.NewLog(0)
	for i := range n {
		typ := types.HistoryEventTypePassStateEntered
		var d any = &types.StateEnteredEventDetails{Name: aws.String(fmt.Sprint("S", i)), Input: aws.String("{}")}
		if i == 0 {
			typ = types.HistoryEventTypeExecutionStarted
			d = &types.ExecutionStartedEventDetails{Input: aws.String(`{"n":1}`)}
		}
		if _, err := l.Append(typ, int64(i), t0.Add(time.Duration(i)*time.Millisecond), d); err != nil {
			t.Fatalf("Append #%d = %v", i+1, err)
		}
	}
	return l
}

// walk pages through l and returns the ids of each page.
func walk(t *testing.T, l *history.Log, req history.PageRequest) [][]int64 {
	t.Helper()
	var pages [][]int64
	for {
		evs, next, err := l.Page(req)
		if err != nil {
			t.Fatalf("Page(%+v) = %v", req, err)
		}
		var ids []int64
		for _, e := range evs {
			ids = append(ids, e.Id)
		}
		pages = append(pages, ids)
		if next == "" {
			return pages
		}
		if len(pages) > 1000 {
			t.Fatalf("Page(%+v): no last page after 1000 pages", req)
		}
		req.NextToken = next
	}
}

// ids returns from, from+step, ... to, inclusive.
func ids(from, to int64) []int64 {
	var out []int64
	step := int64(1)
	if to < from {
		step = -1
	}
	for id := from; ; id += step {
		out = append(out, id)
		if id == to {
			return out
		}
	}
}

func TestPageWalk(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		n       int
		max     int
		reverse bool
		want    [][]int64
	}{
		{"empty log", 0, 0, false, [][]int64{nil}},
		{"empty log reverse", 0, 0, true, [][]int64{nil}},
		{"one page", 3, 0, false, [][]int64{{1, 2, 3}}},
		{"one page reverse", 3, 0, true, [][]int64{{3, 2, 1}}},
		{"exact pages", 4, 2, false, [][]int64{{1, 2}, {3, 4}}},
		{"exact pages reverse", 4, 2, true, [][]int64{{4, 3}, {2, 1}}},
		{"short last page", 5, 2, false, [][]int64{{1, 2}, {3, 4}, {5}}},
		{"short last page reverse", 5, 2, true, [][]int64{{5, 4}, {3, 2}, {1}}},
		{"page size one", 3, 1, true, [][]int64{{3}, {2}, {1}}},
		{"default is 100", 250, 0, false, [][]int64{ids(1, 100), ids(101, 200), ids(201, 250)}},
		{"default is 100 reverse", 201, 0, true, [][]int64{ids(201, 102), ids(101, 2), {1}}},
		{"maximum 1000", 1001, 1000, false, [][]int64{ids(1, 1000), {1001}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := logOf(t, tt.n)
			got := walk(t, l, history.PageRequest{MaxResults: tt.max, Reverse: tt.reverse, IncludeExecutionData: true})
			if d := diff(tt.want, got); d != "" {
				t.Errorf("page ids (-want +got):\n%s", d)
			}
		})
	}
}

func TestPageEventsEqualLog(t *testing.T) {
	t.Parallel()
	l := logOf(t, 7)
	var got []types.HistoryEvent
	req := history.PageRequest{MaxResults: 3, Reverse: true, IncludeExecutionData: true}
	for {
		evs, next, err := l.Page(req)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, evs...)
		if next == "" {
			break
		}
		req.NextToken = next
	}
	want := slices.Clone(l.Events())
	slices.Reverse(want)
	if d := diff(want, got); d != "" {
		t.Errorf("reverse pages (-want +got):\n%s", d)
	}
}

func TestPageEmptyIsNonNil(t *testing.T) {
	t.Parallel()
	evs, next, err := history.NewLog(0).Page(history.PageRequest{})
	if err != nil || evs == nil || len(evs) != 0 || next != "" {
		t.Errorf("Page() on an empty log = %#v, %q, %v; want [], \"\", nil", evs, next, err)
	}
}

func TestPageGrowingLog(t *testing.T) {
	t.Parallel()
	l := logOf(t, 4)
	req := history.PageRequest{MaxResults: 2}
	fwd, fnext, _ := l.Page(req)
	rev, rnext, _ := l.Page(history.PageRequest{MaxResults: 2, Reverse: true})
	appendAll(t, l, types.HistoryEvent{Type: types.HistoryEventTypeParallelStateStarted, Timestamp: aws.Time(t0.Add(time.Second))})

	// Forward: the listing reaches the event appended between pages.
	req.NextToken = fnext
	fwd2, fnext2, err := l.Page(req)
	if err != nil || len(fwd) != 2 || len(fwd2) != 2 || fwd2[0].Id != 3 || fnext2 == "" {
		t.Fatalf("forward pages = %d, %v (next %q, %v)", len(fwd), fwd2, fnext2, err)
	}
	req.NextToken = fnext2
	last, next, err := l.Page(req)
	if err != nil || len(last) != 1 || last[0].Id != 5 || next != "" {
		t.Errorf("forward last page = %v, %q, %v; want [event 5], \"\"", last, next, err)
	}

	// Reverse: the listing keeps going down from where it was.
	rev2, next, err := l.Page(history.PageRequest{MaxResults: 2, Reverse: true, NextToken: rnext})
	if err != nil || rev[0].Id != 4 || len(rev2) != 2 || rev2[0].Id != 2 || rev2[1].Id != 1 || next != "" {
		t.Errorf("reverse pages = %v then %v, %q, %v; want 4,3 then 2,1", rev, rev2, next, err)
	}
}

func TestPageInvalidToken(t *testing.T) {
	t.Parallel()
	l := logOf(t, 10)
	_, fwd, _ := l.Page(history.PageRequest{MaxResults: 3})
	_, rev, _ := l.Page(history.PageRequest{MaxResults: 3, Reverse: true})
	if fwd == "" || rev == "" {
		t.Fatalf("no tokens issued")
	}
	other := history.NewLog(0)
	appendAll(t, other, types.HistoryEvent{Type: types.HistoryEventTypeExecutionStarted,
		Timestamp:                    aws.Time(t0.Add(time.Hour)),
		ExecutionStartedEventDetails: &types.ExecutionStartedEventDetails{Input: aws.String(`{"n":1}`)}})
	for range 9 {
		appendAll(t, other, types.HistoryEvent{Type: types.HistoryEventTypeParallelStateStarted, Timestamp: aws.Time(t0.Add(time.Hour))})
	}
	_, otherTok, _ := other.Page(history.PageRequest{MaxResults: 3})

	raw, _ := base64.RawURLEncoding.DecodeString(fwd)
	flipped := slices.Clone(raw)
	flipped[2] ^= 1 // the next id, with the old checksum
	badVersion := slices.Clone(raw)
	badVersion[0] = 2

	tests := []struct {
		name    string
		token   string
		reverse bool
	}{
		{"garbage", "hello", false},
		{"not base64", "!!!!", false},
		{"empty after decode", "AA", false},
		{"forward token in reverse", fwd, true},
		{"reverse token forward", rev, false},
		{"tampered id", base64.RawURLEncoding.EncodeToString(flipped), false},
		{"tampered version", base64.RawURLEncoding.EncodeToString(badVersion), false},
		{"padded base64", base64.URLEncoding.EncodeToString(raw), false},
		{"trailing byte", base64.RawURLEncoding.EncodeToString(append(slices.Clone(raw), 0)), false},
		{"another log's token", otherTok, false},
		{"long", string(make([]byte, 2000)), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			evs, next, err := l.Page(history.PageRequest{NextToken: tt.token, Reverse: tt.reverse})
			if !errors.Is(err, history.ErrInvalidToken) || evs != nil || next != "" {
				t.Errorf("Page(token %q) = %d events, %q, %v; want ErrInvalidToken", tt.token, len(evs), next, err)
			}
		})
	}

	t.Run("token on an empty log", func(t *testing.T) {
		t.Parallel()
		if _, _, err := history.NewLog(0).Page(history.PageRequest{NextToken: fwd}); !errors.Is(err, history.ErrInvalidToken) {
			t.Errorf("Page() = %v, want ErrInvalidToken", err)
		}
	})
	t.Run("token reused and with other page size", func(t *testing.T) {
		t.Parallel()
		for _, max := range []int{3, 3, 1} {
			evs, _, err := l.Page(history.PageRequest{NextToken: fwd, MaxResults: max})
			if err != nil || evs[0].Id != 4 || len(evs) != max {
				t.Errorf("Page(max %d) = %d events from %d, %v; want %d from 4", max, len(evs), evs[0].Id, err, max)
			}
		}
	})
}

func TestPageMaxResultsRange(t *testing.T) {
	t.Parallel()
	l := logOf(t, 3)
	for _, max := range []int{-1, 1001} {
		if _, _, err := l.Page(history.PageRequest{MaxResults: max}); err == nil || errors.Is(err, history.ErrInvalidToken) {
			t.Errorf("Page(MaxResults %d) = %v, want a range error", max, err)
		}
	}
}

func TestPageIncludeExecutionData(t *testing.T) {
	t.Parallel()
	s := aws.String
	data := &types.HistoryEventExecutionDataDetails{Truncated: false}
	creds := &types.TaskCredentials{RoleArn: s("role")}
	tests := []struct {
		typ  types.HistoryEventType
		full any // as appended
		bare any // as listed without execution data
	}{
		{types.HistoryEventTypeExecutionStarted,
			&types.ExecutionStartedEventDetails{Input: s("in"), InputDetails: data, RoleArn: s("role"), StateMachineAliasArn: s("alias"), StateMachineVersionArn: s("ver")},
			&types.ExecutionStartedEventDetails{RoleArn: s("role"), StateMachineAliasArn: s("alias"), StateMachineVersionArn: s("ver")}},
		{types.HistoryEventTypeExecutionSucceeded,
			&types.ExecutionSucceededEventDetails{Output: s("out"), OutputDetails: data},
			&types.ExecutionSucceededEventDetails{}},
		{types.HistoryEventTypeTaskStateEntered,
			&types.StateEnteredEventDetails{Name: s("T"), Input: s("in"), InputDetails: data},
			&types.StateEnteredEventDetails{Name: s("T")}},
		{types.HistoryEventTypeMapStateExited,
			&types.StateExitedEventDetails{Name: s("M"), Output: s("out"), OutputDetails: data, AssignedVariables: map[string]string{"x": "1"}, AssignedVariablesDetails: &types.AssignedVariablesDetails{}},
			&types.StateExitedEventDetails{Name: s("M"), AssignedVariables: map[string]string{"x": "1"}, AssignedVariablesDetails: &types.AssignedVariablesDetails{}}},
		{types.HistoryEventTypeActivityScheduled,
			&types.ActivityScheduledEventDetails{Resource: s("act"), Input: s("in"), InputDetails: data, HeartbeatInSeconds: aws.Int64(5), TimeoutInSeconds: aws.Int64(9)},
			&types.ActivityScheduledEventDetails{Resource: s("act"), HeartbeatInSeconds: aws.Int64(5), TimeoutInSeconds: aws.Int64(9)}},
		{types.HistoryEventTypeActivitySucceeded,
			&types.ActivitySucceededEventDetails{Output: s("out"), OutputDetails: data},
			&types.ActivitySucceededEventDetails{}},
		{types.HistoryEventTypeLambdaFunctionScheduled,
			&types.LambdaFunctionScheduledEventDetails{Resource: s("fn"), Input: s("in"), InputDetails: data, TaskCredentials: creds, TimeoutInSeconds: aws.Int64(3)},
			&types.LambdaFunctionScheduledEventDetails{Resource: s("fn"), TaskCredentials: creds, TimeoutInSeconds: aws.Int64(3)}},
		{types.HistoryEventTypeLambdaFunctionSucceeded,
			&types.LambdaFunctionSucceededEventDetails{Output: s("out"), OutputDetails: data},
			&types.LambdaFunctionSucceededEventDetails{}},
		{types.HistoryEventTypeTaskSubmitted,
			&types.TaskSubmittedEventDetails{Resource: s("r"), ResourceType: s("rt"), Output: s("out"), OutputDetails: data},
			&types.TaskSubmittedEventDetails{Resource: s("r"), ResourceType: s("rt")}},
		{types.HistoryEventTypeTaskSucceeded,
			&types.TaskSucceededEventDetails{Resource: s("r"), ResourceType: s("rt"), Output: s("out"), OutputDetails: data},
			&types.TaskSucceededEventDetails{Resource: s("r"), ResourceType: s("rt")}},
		// Kept: parameters is a required member, not an input.
		{types.HistoryEventTypeTaskScheduled,
			&types.TaskScheduledEventDetails{Parameters: s("{}"), Region: s("us-east-1"), Resource: s("r"), ResourceType: s("rt")},
			&types.TaskScheduledEventDetails{Parameters: s("{}"), Region: s("us-east-1"), Resource: s("r"), ResourceType: s("rt")}},
		{types.HistoryEventTypeExecutionFailed,
			&types.ExecutionFailedEventDetails{Error: s("E"), Cause: s("C")},
			&types.ExecutionFailedEventDetails{Error: s("E"), Cause: s("C")}},
		{types.HistoryEventTypeParallelStateStarted, nil, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ), func(t *testing.T) {
			t.Parallel()
			l := history.NewLog(0)
			if _, err := l.Append(tt.typ, 0, t0, tt.full); err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				include bool
				want    any
			}{{true, tt.full}, {false, tt.bare}, {true, tt.full}} {
				evs, _, err := l.Page(history.PageRequest{IncludeExecutionData: c.include})
				if err != nil {
					t.Fatal(err)
				}
				want := ev(tt.typ, 0, c.want)
				want.Id, want.Timestamp = 1, aws.Time(t0)
				if d := diff(want, evs[0]); d != "" {
					t.Errorf("Page(IncludeExecutionData %v) (-want +got):\n%s", c.include, d)
				}
			}
		})
	}
}
