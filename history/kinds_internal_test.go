package history

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// kindOf answers as the kinds map does, for the SDK's constants (found by
// address) and for equal strings built at run time (found by the map), and
// knows no other type.
func TestKindOfMatchesKinds(t *testing.T) {
	t.Parallel()
	for _, typ := range types.HistoryEventType("").Values() {
		want, ok := kinds[typ]
		if !ok {
			t.Fatalf("%s: not in kinds", typ)
		}
		for _, s := range []types.HistoryEventType{typ, types.HistoryEventType(strings.Clone(string(typ)))} {
			if got, ok := kindOf(s); !ok || got != want {
				t.Errorf("kindOf(%s) = %+v, %v; want %+v, true", s, got, ok, want)
			}
		}
	}
	for _, typ := range []types.HistoryEventType{"", "TaskStateEntere", "TaskStateEntered2", "taskstateentered"} {
		if k, ok := kindOf(typ); ok {
			t.Errorf("kindOf(%q) = %+v, true; want not found", typ, k)
		}
	}
}
