package execution

// ARN resource kinds used by Step Functions.
const (
	KindStateMachine = "stateMachine"
	KindExecution    = "execution"
	KindExpress      = "express"
	KindMapRun       = "mapRun"
	KindActivity     = "activity"
)

// ARN is a parsed Step Functions ARN (spec 4.1).
//
//	arn:<partition>:states:<region>:<account>:stateMachine:<name>[:<qualifier>]
//	arn:<partition>:states:<region>:<account>:stateMachine:<name>/<label>
//	arn:<partition>:states:<region>:<account>:execution:<sm>[/<label>]:<id>
//	arn:<partition>:states:<region>:<account>:express:<sm>[/<label>]:<id>:<expressId>
//	arn:<partition>:states:<region>:<account>:mapRun:<sm>/<label>:<runId>
//	arn:<partition>:states:<region>:<account>:activity:<name>
type ARN struct {
	Partition string
	Region    string
	Account   string
	Kind      string // one of the Kind constants
	Name      string // state machine or activity name
	Label     string // Map Run label, for labelled children, Map Runs and qualified state machine ARNs
	Qualifier string // version number or alias name, stateMachine kind only
	ID        string // execution name, or Map Run id
	ExpressID string // express kind only
}

// ParseARN parses s. It returns an error for anything that is not a
// well-formed Step Functions ARN of one of the kinds above.
func ParseARN(s string) (ARN, error) { panic("TODO") }

// String formats the ARN back to its canonical text; ParseARN(a.String()) == a.
func (a ARN) String() string { panic("TODO") }

// StateMachine returns the unqualified state machine ARN for the same
// partition, region, account and state machine name as a.
func (a ARN) StateMachine() string { panic("TODO") }

// StateMachineARN builds arn:<partition>:states:<region>:<account>:stateMachine:<name>.
func StateMachineARN(partition, region, account, name string) string { panic("TODO") }

// ExecutionARN builds the Standard execution ARN for execution name in the
// state machine smARN (unqualified): …:execution:<sm>:<name>.
func ExecutionARN(smARN, name string) string { panic("TODO") }

// ExpressExecutionARN builds …:express:<sm>:<name>:<expressID>.
func ExpressExecutionARN(smARN, name, expressID string) string { panic("TODO") }
