package asl

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStateItems(t *testing.T) {
	t.Parallel()
	in := decode(t, `{"list":[1,2],"one":3}`)
	tests := []struct {
		name      string
		itemsPath Path
		input     any
		want      []any
		wantErr   bool
	}{
		{"path selects an array", Path{Set: true, Value: "$.list"}, in, []any{int64(1), int64(2)}, false},
		{"absent path takes the input", Path{}, decode(t, `[true]`), []any{true}, false},
		{"not an array", Path{Set: true, Value: "$.one"}, in, nil, true},
		{"missing", Path{Set: true, Value: "$.nope"}, in, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := &State{ItemsPath: tt.itemsPath}
			got, err := st.Items(tt.input, nil)
			var re *RuntimeError
			if tt.wantErr != (err != nil) || (err != nil && (!errors.As(err, &re) || re.Name != ErrRuntime)) {
				t.Fatalf("Items = %v, %v; want error %v (States.Runtime)", got, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Items (-want +got):\n%s", diff)
			}
		})
	}
}
