// Package sdkcmp holds the go-cmp options tests use to compare SDK values,
// whose unexported fields would make a bare cmp.Diff panic.
package sdkcmp

import (
	"github.com/aws/smithy-go/document"
	"github.com/aws/smithy-go/middleware"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Options ignores the SDK's serde markers and result metadata.
var Options = cmp.Options{
	cmpopts.IgnoreTypes(document.NoSerde{}, middleware.Metadata{}),
}
