// Package golden renders histories as stable text and compares them with
// files under testdata, rewriting those files when tests run with -update.
package golden

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Events renders events one per line: "id<prev Type +offset {details}",
// where offset is the time since the first event and details are the set
// members in lowerCamelCase, as on the wire.
func Events(events []types.HistoryEvent) string {
	var b strings.Builder
	var start time.Time
	for i, e := range events {
		if i == 0 && e.Timestamp != nil {
			start = *e.Timestamp
		}
		offset := time.Duration(0)
		if e.Timestamp != nil {
			offset = e.Timestamp.Sub(start)
		}
		fmt.Fprintf(&b, "%d<%d %s +%s", e.Id, e.PreviousEventId, e.Type, offset)
		if d := details(e); d != "" {
			b.WriteString(" " + d)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func details(e types.HistoryEvent) string {
	v := reflect.ValueOf(e)
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !strings.HasSuffix(f.Name, "Details") || !f.IsExported() || v.Field(i).IsNil() {
			continue
		}
		b, err := json.Marshal(plain(v.Field(i)))
		if err != nil {
			return "!" + err.Error()
		}
		return string(b)
	}
	return ""
}

// plain converts an SDK struct into a map of its set members with
// lowerCamelCase keys.
func plain(v reflect.Value) any {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return v.Interface()
	}
	m := map[string]any{}
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		fv := v.Field(i)
		if !f.IsExported() || ((fv.Kind() == reflect.Pointer || fv.Kind() == reflect.Map || fv.Kind() == reflect.Slice) && fv.IsNil()) {
			continue
		}
		m[lowerFirst(f.Name)] = plain(fv)
	}
	return m
}

func lowerFirst(s string) string {
	r := []rune(s)
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

// Check compares got with testdata/<name>.golden, or rewrites the file
// under -update.
func Check(t testing.TB, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}
