package asl

import "time"

// State types.
const (
	TypePass     = "Pass"
	TypeTask     = "Task"
	TypeChoice   = "Choice"
	TypeWait     = "Wait"
	TypeSucceed  = "Succeed"
	TypeFail     = "Fail"
	TypeParallel = "Parallel"
	TypeMap      = "Map"
)

// Definition is a parsed state machine, or a Parallel branch, or a Map's
// ItemProcessor: a StartAt and its States.
type Definition struct {
	Comment        string
	StartAt        string
	States         map[string]*State
	TimeoutSeconds *int64 // nil when absent (top level only)
	Version        string
	// ProcessorMode and ExecutionType come from a Map ItemProcessor's
	// ProcessorConfig: "INLINE" (default) or "DISTRIBUTED"; "STANDARD" or "EXPRESS".
	ProcessorMode string
	ExecutionType string
	// UsesContext reports whether the state machine (of which this may be a
	// part) refers to the context object ($$) anywhere.
	UsesContext bool
	// StateNames lists the names of every state of the state machine of
	// which this may be a part, its nested definitions' too, each once
	// (names are unique machine-wide); all its definitions share the
	// slice, and a State's Index is its place in it. Nil for a definition
	// not made by Parse.
	StateNames []string
}

// Path is an optional JSONPath field such as InputPath. Absent means the
// default ("$"); JSON null means "discard" (InputPath: {} input; OutputPath:
// {} output; ResultPath: keep the input, drop the result).
type Path struct {
	Set   bool   // the field appeared in the definition
	Null  bool   // it was JSON null
	Value string // the path text when Set && !Null
}

// State is one state of any type. Fields that do not apply to a type are zero.
type State struct {
	Name    string
	Index   int // Name's place in the definition's StateNames
	Type    string
	Comment string
	Next    string
	End     bool
	// NextState is the state Next names, resolved when the definition is
	// parsed (nil when Next is absent), so that running a machine looks
	// no state up by name on its most common transition.
	NextState *State

	InputPath  Path
	OutputPath Path
	ResultPath Path

	Parameters     *Template // Parameters (Pass, Task, Parallel, Map legacy)
	ResultSelector *Template // Task, Parallel, Map
	Result         any       // Pass: the literal Result, when HasResult
	HasResult      bool

	// Task
	Resource             string
	TimeoutSeconds       *int64
	TimeoutSecondsPath   string
	HeartbeatSeconds     *int64
	HeartbeatSecondsPath string
	Credentials          any

	// Task, Parallel, Map
	Retry []Retrier
	Catch []Catcher

	// Choice
	Choices []*ChoiceRule
	Default string

	// Wait
	Seconds       *int64
	SecondsPath   string
	Timestamp     *time.Time
	TimestampPath string

	// Fail
	Error     string
	ErrorPath string
	Cause     string
	CausePath string

	// Parallel
	Branches []*Definition

	// Map
	ItemProcessor                  *Definition // also set from legacy Iterator
	ItemsPath                      Path
	ItemSelector                   *Template // also set from legacy Parameters on Map
	MaxConcurrency                 int64
	MaxConcurrencyPath             string
	ToleratedFailureCount          *int64
	ToleratedFailureCountPath      string
	ToleratedFailurePercentage     *float64
	ToleratedFailurePercentagePath string
	Label                          string
	ItemReader                     map[string]any // raw; the engine interprets it
	ItemBatcher                    map[string]any
	ResultWriter                   map[string]any
}

// Retrier is one element of a Retry field.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds int64   // default 1
	MaxAttempts     int64   // default 3; 0 means never retry
	BackoffRate     float64 // default 2.0
	MaxDelaySeconds int64   // 0 when absent
	JitterStrategy  string  // "FULL" or "NONE" (default)
}

// Catcher is one element of a Catch field.
type Catcher struct {
	ErrorEquals []string
	Next        string
	ResultPath  Path
}

// DefinitionError lists the problems found in a definition.
type DefinitionError struct {
	Problems []Problem
}

// Problem is one validation failure: a code such as SCHEMA_VALIDATION_FAILED
// or MISSING_TRANSITION_TARGET, a message, and the JSON pointer-like location
// (e.g. "/States/Charge/Next").
type Problem struct {
	Code     string
	Message  string
	Location string
}
