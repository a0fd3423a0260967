package asl

import (
	"fmt"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Items returns the items a Map state iterates over: the array its
// ItemsPath selects from input (the whole input when ItemsPath is absent).
// Anything but an array is a *RuntimeError (States.Runtime).
func (st *State) Items(input, ctx any) ([]any, error) {
	v, path := input, "$"
	if st.ItemsPath.Set && !st.ItemsPath.Null {
		var err error
		path = st.ItemsPath.Value
		if v, err = Select(path, input, ctx); err != nil {
			return nil, err
		}
	}
	items, ok := v.([]any)
	if !ok {
		return nil, &RuntimeError{Name: ErrRuntime, Cause: fmt.Sprintf(
			"Item path %s does not reference an array: %s", path, jsonv.MustEncodeString(v))}
	}
	return items, nil
}
