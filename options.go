package sfnmem

import (
	"github.com/sfnmem/sfnmem/clock"
	"github.com/sfnmem/sfnmem/history"
)

// Option configures an Engine in New.
type Option func(*config)

type config struct {
	clock             clock.Clock
	region            string
	account           string
	partition         string
	historyLimit      int
	maxOpenExecutions int
	seed              uint64
	externalCallbacks bool
}

func defaults() config {
	return config{
		clock:        clock.Real(),
		region:       "us-east-1",
		account:      "123456789012",
		partition:    "aws",
		historyLimit: history.DefaultLimit,
		seed:         1,
	}
}

// WithClock sets the engine's clock. Tests pass a *clock.Fake; the default
// is clock.Real().
func WithClock(c clock.Clock) Option { return func(o *config) { o.clock = c } }

// WithRegion sets the Region in every ARN the engine builds (default us-east-1).
func WithRegion(r string) Option { return func(o *config) { o.region = r } }

// WithAccount sets the account id in every ARN the engine builds (default
// 123456789012).
func WithAccount(a string) Option { return func(o *config) { o.account = a } }

// WithHistoryLimit lowers the per-execution history event limit (default
// 25,000, the AWS quota) so tests can reach it cheaply. It may also raise
// it, up to 16,777,215 events; a larger n means that.
func WithHistoryLimit(n int) Option { return func(o *config) { o.historyLimit = n } }

// WithMaxOpenExecutions caps the number of open (RUNNING) executions; past it
// StartExecution and RedriveExecution return ExecutionLimitExceeded. Zero
// (the default) means 1,000,000, the AWS quota.
func WithMaxOpenExecutions(n int) Option { return func(o *config) { o.maxOpenExecutions = n } }

// WithSeed seeds the engine's random source, which generates execution names
// and ids, States.UUID, States.MathRandom and retry jitter. Engines with the
// same seed, inputs and clock moves write identical histories. Default 1.
func WithSeed(seed uint64) Option { return func(o *config) { o.seed = seed } }

// WithExternalCallbacks makes a .waitForTaskToken task whose resource has no
// handler wait for SendTaskSuccess or SendTaskFailure instead of failing:
// its task token is in the TaskScheduled event's parameters, for a client
// outside the process to find. cmd/sfnmem uses it, since its clients cannot
// register Go handlers. Without it, a task with no handler fails, naming its
// resource.
func WithExternalCallbacks() Option { return func(o *config) { o.externalCallbacks = true } }
