package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/sfnmem/sfnmem/internal/golden"
)

func TestRun(t *testing.T) {
	var buf bytes.Buffer
	if err := run(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "output", buf.String())
}
