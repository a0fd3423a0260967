package history_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go/document"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sfnmem/sfnmem/history"
)

var t0 = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)

// sdkOpts lets cmp compare SDK structs, whose unexported NoSerde marker it
// would otherwise refuse.
var sdkOpts = cmpopts.IgnoreTypes(document.NoSerde{})

// allTypes is every HistoryEventType the SDK defines.
var allTypes = types.HistoryEventType("").Values()

// detailsFields returns the names of the *EventDetails members of
// types.HistoryEvent, with their types.
func detailsFields() map[string]reflect.Type {
	out := map[string]reflect.Type{}
	rt := reflect.TypeFor[types.HistoryEvent]()
	for i := range rt.NumField() {
		f := rt.Field(i)
		if f.IsExported() && strings.HasSuffix(f.Name, "EventDetails") {
			out[f.Name] = f.Type
		}
	}
	return out
}

// typeFor returns an event type whose details member is field.
func typeFor(t *testing.T, field string) types.HistoryEventType {
	t.Helper()
	for _, typ := range allTypes {
		if f, _ := history.DetailsField(typ); f == field {
			return typ
		}
	}
	t.Fatalf("no event type uses %s", field)
	return ""
}

// newDetails returns a *T for the details member field, every field filled
// from seed (see fill).
func newDetails(field string, seed int) any {
	v := reflect.New(detailsFields()[field].Elem())
	fill(v.Elem(), seed)
	return v.Interface()
}

// fill sets every exported field reachable from v to a value derived from
// seed, allocating pointers and maps, so that two fills with one seed are
// equal and share nothing.
func fill(v reflect.Value, seed int) {
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), seed)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(t0.Add(time.Duration(seed) * time.Second)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), seed+i+1)
			}
		}
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", seed))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(seed))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(seed))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		m.SetMapIndex(reflect.ValueOf(fmt.Sprintf("k%d", seed)), reflect.ValueOf(fmt.Sprintf("v%d", seed)))
		v.Set(m)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// mutate changes, in place, every value reachable from v: it writes through
// pointers and into maps rather than replacing them.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString(v.String() + "-mutated")
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1000)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1000)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Map:
		for _, k := range v.MapKeys() {
			v.SetMapIndex(k, reflect.ValueOf("mutated"))
		}
		v.SetMapIndex(reflect.ValueOf("added"), reflect.ValueOf("mutated"))
	}
}

// shared returns the paths at which a and b hold the same pointer or map.
func shared(path string, a, b reflect.Value) []string {
	var out []string
	switch a.Kind() {
	case reflect.Pointer, reflect.Map:
		if a.IsNil() || b.IsNil() {
			return nil
		}
		if a.Pointer() == b.Pointer() {
			out = append(out, path)
		}
		if a.Kind() == reflect.Pointer {
			out = append(out, shared(path, a.Elem(), b.Elem())...)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				out = append(out, shared(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))...)
			}
		}
	}
	return out
}

// appendAll appends events to l, failing the test on error.
func appendAll(t testing.TB, l *history.Log, events ...types.HistoryEvent) {
	t.Helper()
	for _, e := range events {
		if _, err := l.Append(e.Type, e.PreviousEventId, *e.Timestamp, history.Details(e)); err != nil {
			t.Fatalf("Append(%s) = %v", e.Type, err)
		}
	}
}

// ev builds an event for tables; id and timestamp are filled in by seq.
func ev(typ types.HistoryEventType, prev int64, details any) types.HistoryEvent {
	e := types.HistoryEvent{Type: typ, PreviousEventId: prev}
	if details != nil {
		f, _ := history.DetailsField(typ)
		reflect.ValueOf(&e).Elem().FieldByName(f).Set(reflect.ValueOf(details))
	}
	return e
}

// seq numbers events from 1 and stamps them one second apart from t0.
func seq(events ...types.HistoryEvent) []types.HistoryEvent {
	for i := range events {
		events[i].Id = int64(i) + 1
		events[i].Timestamp = aws.Time(t0.Add(time.Duration(i) * time.Second))
	}
	return events
}

// diff is cmp.Diff with sdkOpts.
func diff(want, got any) string { return cmp.Diff(want, got, sdkOpts) }
