package redrive_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"

	"github.com/sfnmem/sfnmem/redrive"
)

// hist builds a history from the notation of aws-recorded.md section 3.7,
// one event per "|" or line: "id:Type<previousEventId [Name [Input]]".
// Entered events get StateEnteredEventDetails{Name, Input}, Exited events
// StateExitedEventDetails{Name}, ExecutionRedriven its redrive count.
func hist(tb testing.TB, s string) []types.HistoryEvent {
	tb.Helper()
	var events []types.HistoryEvent
	redrives := int32(0)
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '\n' }) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		head, rest, _ := strings.Cut(f, " ")
		name, input, _ := strings.Cut(rest, " ")
		idText, typePrev, ok1 := strings.Cut(head, ":")
		typ, prevText, ok2 := strings.Cut(typePrev, "<")
		id, err1 := strconv.ParseInt(idText, 10, 64)
		prev, err2 := strconv.ParseInt(prevText, 10, 64)
		if !ok1 || !ok2 || err1 != nil || err2 != nil {
			tb.Fatalf("hist: bad event %q", f)
		}
		e := types.HistoryEvent{
			Id:              id,
			PreviousEventId: prev,
			Timestamp:       aws.Time(t0.Add(time.Duration(id) * time.Second)),
			Type:            types.HistoryEventType(typ),
		}
		switch {
		case strings.HasSuffix(typ, "StateEntered"):
			e.StateEnteredEventDetails = &types.StateEnteredEventDetails{Name: aws.String(name)}
			if input != "" {
				e.StateEnteredEventDetails.Input = aws.String(input)
			}
		case strings.HasSuffix(typ, "StateExited"):
			e.StateExitedEventDetails = &types.StateExitedEventDetails{Name: aws.String(name)}
		case typ == string(types.HistoryEventTypeExecutionRedriven):
			redrives++
			e.ExecutionRedrivenEventDetails = &types.ExecutionRedrivenEventDetails{RedriveCount: aws.Int32(redrives)}
		}
		events = append(events, e)
	}
	return events
}

// Recorded original attempts (aws-recorded.md 3.7); state names are ours.
const (
	histA = `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Call {"a":1} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskFailed<4 | 6:ExecutionFailed<5`
	histD = `1:ExecutionStarted<0 | 2:ParallelStateEntered<0 Par {"p":1} | 3:ParallelStateStarted<2 | 4:FailStateEntered<3 BranchFail | 5:ParallelStateFailed<4 | 6:ExecutionFailed<5`
)

// histFLong is 3.7 F's test_map_state_break_condition: four iterations
// succeed (Choice then Pass), the fifth reaches a Fail state.
func histFLong() string {
	var b strings.Builder
	b.WriteString(`1:ExecutionStarted<0 | 2:PassStateEntered<0 Prep | 3:PassStateExited<2 Prep | 4:MapStateEntered<3 Loop {"items":[0,1,2,3,4]} | 5:MapStateStarted<4`)
	prev := 5
	for i := range 4 {
		id := 6 + 6*i
		fmt.Fprintf(&b, " | %d:MapIterationStarted<%d | %d:ChoiceStateEntered<%d Check | %d:ChoiceStateExited<%d Check", id, prev, id+1, id, id+2, id+1)
		fmt.Fprintf(&b, " | %d:PassStateEntered<%d Continue | %d:PassStateExited<%d Continue | %d:MapIterationSucceeded<%d", id+3, id+2, id+4, id+3, id+5, id+4)
		prev = id + 4
	}
	b.WriteString(` | 30:MapIterationStarted<28 | 31:ChoiceStateEntered<30 Check | 32:ChoiceStateExited<31 Check | 33:FailStateEntered<32 Break | 34:MapIterationFailed<33 | 35:MapStateFailed<33 | 36:ExecutionFailed<35`)
	return b.String()
}

type planCase struct {
	name     string
	events   string
	top      []string // the definition's top-level state names
	want     redrive.Plan
	redrives int
	wantErr  error
}

func planCases() []planCase {
	task := types.HistoryEventTypeTaskStateEntered
	return []planCase{
		// Recorded original attempts, aws-recorded.md 3.7.
		{
			name: "A task fails", events: histA, top: []string{"Call"},
			want: redrive.Plan{State: "Call", StateType: task, Input: `{"a":1}`, EnteredID: 2, LastEvent: 6},
		},
		{
			name:   "A task .sync fails after TaskSubmitted",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 RunTask {} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskSubmitted<4 | 6:TaskFailed<5 | 7:ExecutionFailed<6`,
			top:    []string{"RunTask"},
			want:   redrive.Plan{State: "RunTask", StateType: task, Input: `{}`, EnteredID: 2, LastEvent: 7},
		},
		{
			name:   "B legacy lambda fails",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Raise {"x":"y"} | 3:LambdaFunctionScheduled<2 | 4:LambdaFunctionStarted<3 | 5:LambdaFunctionFailed<4 | 6:ExecutionFailed<5`,
			top:    []string{"Raise"},
			want:   redrive.Plan{State: "Raise", StateType: task, Input: `{"x":"y"}`, EnteredID: 2, LastEvent: 6},
		},
		{
			name:   "C fail state",
			events: `1:ExecutionStarted<0 | 2:FailStateEntered<0 Boom {} | 3:ExecutionFailed<2`,
			top:    []string{"Boom"},
			want:   redrive.Plan{State: "Boom", StateType: types.HistoryEventTypeFailStateEntered, Input: `{}`, EnteredID: 2, LastEvent: 3},
		},
		{
			name: "D parallel branch fails", events: histD, top: []string{"Par"},
			want: redrive.Plan{State: "Par", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{"p":1}`, EnteredID: 2, LastEvent: 6},
		},
		{
			name: "D parallel with wait-for-token task aborted",
			events: `1:ExecutionStarted<0 | 2:ParallelStateEntered<0 Par {} | 3:ParallelStateStarted<2 | 4:TaskStateEntered<3 SendAndWait {}
				5:TaskScheduled<4 | 6:TaskStarted<5 | 7:TaskSubmitted<6 | 8:TaskFailed<7 | 9:TaskStateAborted<8 | 10:ParallelStateFailed<8 | 11:ExecutionFailed<10`,
			top:  []string{"Par"},
			want: redrive.Plan{State: "Par", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{}`, EnteredID: 2, LastEvent: 11},
		},
		{
			name: "E parallel retried: Started repeats, Entered does not",
			events: `1:ExecutionStarted<0 | 2:ParallelStateEntered<0 Par {} | 3:ParallelStateStarted<2 | 4:FailStateEntered<3 BranchFail
				5:ParallelStateStarted<4 | 6:FailStateEntered<5 BranchFail | 7:ParallelStateStarted<6 | 8:FailStateEntered<7 BranchFail
				9:ParallelStateFailed<8 | 10:ExecutionFailed<9`,
			top:  []string{"Par"},
			want: redrive.Plan{State: "Par", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{}`, EnteredID: 2, LastEvent: 10},
		},
		{
			name: "F inline map iteration fails",
			events: `1:ExecutionStarted<0 | 2:PassStateEntered<0 Prep {} | 3:PassStateExited<2 Prep | 4:MapStateEntered<3 Map [1]
				5:MapStateStarted<4 | 6:MapIterationStarted<5 | 7:FailStateEntered<6 Boom | 8:MapIterationFailed<7 | 9:MapStateFailed<7 | 10:ExecutionFailed<9`,
			top:  []string{"Prep", "Map"},
			want: redrive.Plan{State: "Map", StateType: types.HistoryEventTypeMapStateEntered, Input: `[1]`, EnteredID: 4, LastEvent: 10},
		},
		{
			name: "F inline map: four iterations succeed, the fifth fails", events: histFLong(), top: []string{"Prep", "Loop"},
			want: redrive.Plan{State: "Loop", StateType: types.HistoryEventTypeMapStateEntered, Input: `{"items":[0,1,2,3,4]}`, EnteredID: 4, LastEvent: 36},
		},
		{
			// The recording numbers the last two events 32 and 33; one event
			// between is not described, so this history is renumbered.
			name: "G inline map task timeout aborts sibling iterations",
			events: `1:ExecutionStarted<0 | 2:MapStateEntered<0 Map [1,2,3,4] | 3:MapStateStarted<2
				4:MapIterationStarted<3 | 5:MapIterationStarted<3 | 6:MapIterationStarted<3 | 7:MapIterationStarted<3
				8:TaskStateEntered<4 Work | 9:TaskStateEntered<5 Work | 10:TaskStateEntered<6 Work | 11:TaskStateEntered<7 Work
				12:TaskScheduled<8 | 13:TaskScheduled<9 | 14:TaskScheduled<10 | 15:TaskScheduled<11
				16:TaskStarted<12 | 17:TaskStarted<13 | 18:TaskStarted<14 | 19:TaskStarted<15
				20:TaskTimedOut<16 | 21:TaskTimedOut<17 | 22:TaskTimedOut<18 | 23:TaskTimedOut<19
				24:MapIterationFailed<20 | 25:TaskStateAborted<20 | 26:MapIterationAborted<20 | 27:TaskStateAborted<20
				28:MapIterationAborted<20 | 29:TaskStateAborted<20 | 30:MapIterationAborted<20 | 31:MapStateFailed<20 | 32:ExecutionFailed<31`,
			top:  []string{"Map"},
			want: redrive.Plan{State: "Map", StateType: types.HistoryEventTypeMapStateEntered, Input: `[1,2,3,4]`, EnteredID: 2, LastEvent: 32},
		},
		{
			name: "H distributed map run fails",
			events: `1:ExecutionStarted<0 | 2:MapStateEntered<0 DMap {} | 3:MapStateStarted<2 | 4:MapRunStarted<3 | 5:MapRunFailed<4
				6:MapStateFailed<5 | 7:ExecutionFailed<6`,
			top:  []string{"DMap"},
			want: redrive.Plan{State: "DMap", StateType: types.HistoryEventTypeMapStateEntered, Input: `{}`, EnteredID: 2, LastEvent: 7},
		},
		{
			name:   "I stopped in a wait state",
			events: `1:ExecutionStarted<0 | 2:WaitStateEntered<0 Hold {"w":1} | 3:ExecutionAborted<0`,
			top:    []string{"Hold"},
			want:   redrive.Plan{State: "Hold", StateType: types.HistoryEventTypeWaitStateEntered, Input: `{"w":1}`, EnteredID: 2, LastEvent: 3},
		},
		{
			name:   "J state-level timeout",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Slow {} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskSubmitted<4 | 6:TaskTimedOut<5 | 7:ExecutionFailed<6`,
			top:    []string{"Slow"},
			want:   redrive.Plan{State: "Slow", StateType: task, Input: `{}`, EnteredID: 2, LastEvent: 7},
		},

		// Shapes of our own: earlier states, Catch, nesting, Succeed.
		{
			name: "the task after an exited pass, with its own input",
			events: `1:ExecutionStarted<0 | 2:PassStateEntered<0 Prep {"x":0} | 3:PassStateExited<2 Prep | 4:TaskStateEntered<3 Call {"x":1}
				5:TaskScheduled<4 | 6:TaskStarted<5 | 7:TaskFailed<6 | 8:ExecutionFailed<7`,
			top:  []string{"Prep", "Call"},
			want: redrive.Plan{State: "Call", StateType: task, Input: `{"x":1}`, EnteredID: 4, LastEvent: 8},
		},
		{
			name: "caught task exits, fail state is open",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Call {} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskFailed<4
				6:TaskStateExited<5 Call | 7:FailStateEntered<6 Stop {"Error":"x"} | 8:ExecutionFailed<7`,
			top:  []string{"Call", "Stop"},
			want: redrive.Plan{State: "Stop", StateType: types.HistoryEventTypeFailStateEntered, Input: `{"Error":"x"}`, EnteredID: 7, LastEvent: 8},
		},
		{
			name: "a task that moves on without its Exited event is left behind",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Call {} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskFailed<4
				6:FailStateEntered<5 Stop {} | 7:ExecutionFailed<6`,
			top:  []string{"Call", "Stop"},
			want: redrive.Plan{State: "Stop", StateType: types.HistoryEventTypeFailStateEntered, Input: `{}`, EnteredID: 6, LastEvent: 7},
		},
		{
			name: "caught parallel exits, the state after it fails",
			events: `1:ExecutionStarted<0 | 2:ParallelStateEntered<0 Par {} | 3:ParallelStateStarted<2 | 4:PassStateEntered<3 Left
				5:PassStateExited<4 Left | 6:FailStateEntered<3 Right | 7:ParallelStateFailed<6 | 8:ParallelStateExited<7 Par
				9:TaskStateEntered<8 Notify {"n":1} | 10:TaskScheduled<9 | 11:TaskStarted<10 | 12:TaskFailed<11 | 13:ExecutionFailed<12`,
			top:  []string{"Par", "Notify"},
			want: redrive.Plan{State: "Notify", StateType: task, Input: `{"n":1}`, EnteredID: 9, LastEvent: 13},
		},
		{
			name: "a nested parallel's Exited does not close the outer one",
			events: `1:ExecutionStarted<0 | 2:ParallelStateEntered<0 Outer {} | 3:ParallelStateStarted<2 | 4:ParallelStateEntered<3 Inner
				5:ParallelStateStarted<4 | 6:TaskStateEntered<5 Deep | 7:TaskScheduled<6 | 8:TaskStarted<7 | 9:TaskSucceeded<8
				10:TaskStateExited<9 Deep | 11:ParallelStateSucceeded<10 | 12:ParallelStateExited<11 Inner | 13:FailStateEntered<3 Boom
				14:ParallelStateFailed<13 | 15:ExecutionFailed<14`,
			top:  []string{"Outer"},
			want: redrive.Plan{State: "Outer", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{}`, EnteredID: 2, LastEvent: 15},
		},
		{
			name: "a top-level loop resumes the latest entry",
			events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Poll {"n":1} | 3:TaskScheduled<2 | 4:TaskStarted<3 | 5:TaskSucceeded<4
				6:TaskStateExited<5 Poll | 7:ChoiceStateEntered<6 Ready | 8:ChoiceStateExited<7 Ready | 9:WaitStateEntered<8 Pause
				10:WaitStateExited<9 Pause | 11:TaskStateEntered<10 Poll {"n":2} | 12:TaskScheduled<11 | 13:TaskStarted<12
				14:TaskFailed<13 | 15:ExecutionFailed<14`,
			top:  []string{"Poll", "Ready", "Pause"},
			want: redrive.Plan{State: "Poll", StateType: task, Input: `{"n":2}`, EnteredID: 11, LastEvent: 15},
		},
		{
			name:   "succeeded execution has nothing open",
			events: `1:ExecutionStarted<0 | 2:SucceedStateEntered<0 Done {} | 3:SucceedStateExited<2 Done | 4:ExecutionSucceeded<3`,
			top:    []string{"Done"},
			want:   redrive.Plan{LastEvent: 4},
		},
		{
			name:   "an entered succeed state is never resumed",
			events: `1:ExecutionStarted<0 | 2:SucceedStateEntered<0 Done {} | 3:ExecutionAborted<0`,
			top:    []string{"Done"},
			want:   redrive.Plan{LastEvent: 3},
		},
		{
			name:   "stopped between states has nothing open",
			events: `1:ExecutionStarted<0 | 2:PassStateEntered<0 Prep {} | 3:PassStateExited<2 Prep | 4:ExecutionAborted<0`,
			top:    []string{"Prep", "Next"},
			want:   redrive.Plan{LastEvent: 4},
		},
		{
			name:   "no state entered at all",
			events: `1:ExecutionStarted<0 | 2:ExecutionTimedOut<1`,
			top:    []string{"First"},
			want:   redrive.Plan{LastEvent: 2},
		},
		{
			name: "stopped inside an inline map iteration",
			events: `1:ExecutionStarted<0 | 2:MapStateEntered<0 Map [1] | 3:MapStateStarted<2 | 4:MapIterationStarted<3
				5:WaitStateEntered<4 Nap | 6:ExecutionAborted<0`,
			top:  []string{"Map"},
			want: redrive.Plan{State: "Map", StateType: types.HistoryEventTypeMapStateEntered, Input: `[1]`, EnteredID: 2, LastEvent: 6},
		},

		// Histories after redrives: the plan reflects the last attempt.
		{
			name:   "redriven task fails again without a new Entered event",
			events: histA + ` | 7:ExecutionRedriven<6 | 8:TaskScheduled<7 | 9:TaskStarted<8 | 10:TaskFailed<9 | 11:ExecutionFailed<10`,
			top:    []string{"Call"}, redrives: 1,
			want: redrive.Plan{State: "Call", StateType: task, Input: `{"a":1}`, EnteredID: 2, LastEvent: 11},
		},
		{
			name:   "redriven task fails again after a new Entered event",
			events: histA + ` | 7:ExecutionRedriven<6 | 8:TaskStateEntered<7 Call {"a":1} | 9:TaskScheduled<8 | 10:TaskStarted<9 | 11:TaskFailed<10 | 12:ExecutionFailed<11`,
			top:    []string{"Call"}, redrives: 1,
			want: redrive.Plan{State: "Call", StateType: task, Input: `{"a":1}`, EnteredID: 8, LastEvent: 12},
		},
		{
			name: "redriven task succeeds, a later fail state is open",
			events: histA + ` | 7:ExecutionRedriven<6 | 8:TaskStateEntered<7 Call {"a":1} | 9:TaskScheduled<8 | 10:TaskStarted<9
				11:TaskSucceeded<10 | 12:TaskStateExited<11 Call | 13:PassStateEntered<12 Shape {} | 14:PassStateExited<13 Shape
				15:FailStateEntered<14 Stop {"s":1} | 16:ExecutionFailed<15`,
			top: []string{"Call", "Shape", "Stop"}, redrives: 1,
			want: redrive.Plan{State: "Stop", StateType: types.HistoryEventTypeFailStateEntered, Input: `{"s":1}`, EnteredID: 15, LastEvent: 16},
		},
		{
			name: "redriven twice, the second time at a later task",
			events: histA + ` | 7:ExecutionRedriven<6 | 8:TaskScheduled<7 | 9:TaskStarted<8 | 10:TaskSucceeded<9 | 11:TaskStateExited<10 Call
				12:TaskStateEntered<11 Charge {"b":2} | 13:TaskScheduled<12 | 14:TaskStarted<13 | 15:TaskFailed<14 | 16:ExecutionFailed<15
				17:ExecutionRedriven<16 | 18:TaskScheduled<17 | 19:TaskStarted<18 | 20:TaskTimedOut<19 | 21:ExecutionTimedOut<20`,
			top: []string{"Call", "Charge"}, redrives: 2,
			want: redrive.Plan{State: "Charge", StateType: task, Input: `{"b":2}`, EnteredID: 12, LastEvent: 21},
		},
		{
			name:   "redriven parallel fails again without a new Entered event",
			events: histD + ` | 7:ExecutionRedriven<6 | 8:ParallelStateStarted<7 | 9:FailStateEntered<8 BranchFail | 10:ParallelStateFailed<9 | 11:ExecutionFailed<10`,
			top:    []string{"Par"}, redrives: 1,
			want: redrive.Plan{State: "Par", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{"p":1}`, EnteredID: 2, LastEvent: 11},
		},
		{
			name: "redriven parallel re-entered fails again",
			events: histD + ` | 7:ExecutionRedriven<6 | 8:ParallelStateEntered<7 Par {"p":1} | 9:ParallelStateStarted<8
				10:FailStateEntered<9 BranchFail | 11:ParallelStateFailed<10 | 12:ExecutionFailed<11`,
			top: []string{"Par"}, redrives: 1,
			want: redrive.Plan{State: "Par", StateType: types.HistoryEventTypeParallelStateEntered, Input: `{"p":1}`, EnteredID: 8, LastEvent: 12},
		},
		{
			name: "redriven parallel succeeds, the task after it fails",
			events: histD + ` | 7:ExecutionRedriven<6 | 8:ParallelStateStarted<7 | 9:PassStateEntered<8 BranchOK | 10:PassStateExited<9 BranchOK
				11:ParallelStateSucceeded<10 | 12:ParallelStateExited<11 Par | 13:TaskStateEntered<12 After {"r":[1]}
				14:TaskScheduled<13 | 15:TaskStarted<14 | 16:TaskFailed<15 | 17:ExecutionFailed<16`,
			top: []string{"Par", "After"}, redrives: 1,
			want: redrive.Plan{State: "After", StateType: task, Input: `{"r":[1]}`, EnteredID: 13, LastEvent: 17},
		},
		{
			name:   "redriven and succeeded",
			events: histA + ` | 7:ExecutionRedriven<6 | 8:TaskScheduled<7 | 9:TaskStarted<8 | 10:TaskSucceeded<9 | 11:TaskStateExited<10 Call | 12:ExecutionSucceeded<11`,
			top:    []string{"Call"}, redrives: 1,
			want: redrive.Plan{LastEvent: 12},
		},

		// Bad input.
		{name: "no events", events: ``, top: []string{"A"}, wantErr: redrive.ErrNotClosed},
		{name: "still running", events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 Call {} | 3:TaskScheduled<2`, top: []string{"Call"}, wantErr: redrive.ErrNotClosed},
		{name: "just redriven", events: histA + ` | 7:ExecutionRedriven<6`, top: []string{"Call"}, redrives: 1, wantErr: redrive.ErrNotClosed},
		{name: "entered without a name", events: `1:ExecutionStarted<0 | 2:TaskStateEntered<0 | 3:ExecutionFailed<2`, top: []string{"Call"}, wantErr: redrive.ErrMalformed},
		{name: "exited without a name", events: `1:ExecutionStarted<0 | 2:PassStateEntered<0 Prep | 3:PassStateExited<2 | 4:ExecutionFailed<3`, top: []string{"Prep"}, wantErr: redrive.ErrMalformed},
	}
}

func TestPlanFrom(t *testing.T) {
	t.Parallel()
	for _, tt := range planCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			events := hist(t, tt.events)
			top := map[string]bool{}
			for _, name := range tt.top {
				top[name] = true
			}
			for _, f := range []struct {
				name string
				plan func() (redrive.Plan, error)
			}{
				{"PlanFrom", func() (redrive.Plan, error) { return redrive.PlanFrom(events) }},
				{"PlanFromTop", func() (redrive.Plan, error) { return redrive.PlanFromTop(events, top) }},
				{"PlanFromTop(nil)", func() (redrive.Plan, error) { return redrive.PlanFromTop(events, nil) }},
			} {
				got, err := f.plan()
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("%s = %+v, %v; want error %v", f.name, got, err, tt.wantErr)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", f.name, diff)
				}
			}
			if got := redrive.Redrives(events); got != tt.redrives {
				t.Errorf("Redrives = %d, want %d", got, tt.redrives)
			}
		})
	}
}
