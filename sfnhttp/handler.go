package sfnhttp

import (
	"context"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/sfnmem/sfnmem"
)

// TargetPrefix is the X-Amz-Target prefix of every Step Functions
// operation (spec §3.1).
const TargetPrefix = "AWSStepFunctions."

// MaxBodyBytes bounds a request body. The largest Step Functions request
// members (a 1 MiB definition, 256 KiB of input) fit well inside it.
const MaxBodyBytes = 8 << 20

// handler serves the Step Functions awsJson1.0 protocol for one engine.
type handler struct {
	engine reflect.Value
	ops    map[string]reflect.Method
	seq    atomic.Uint64 // request ids
}

var _ http.Handler = (*handler)(nil)

// NewHandler returns an http.Handler that speaks the Step Functions wire
// protocol (spec §3) to e, so the real SDK clients, the AWS CLI and other
// languages' SDKs can use it as their endpoint. It serves every method of
// *sfnmem.Engine that has the exact [sfn.Client] signature of an
// operation, found by reflection, so operations the engine gains are
// served without changes here.
func NewHandler(e *sfnmem.Engine) http.Handler {
	return &handler{engine: reflect.ValueOf(e), ops: operations(reflect.TypeOf(e))}
}

// Operations returns the names of the operations NewHandler(e) serves,
// sorted: those methods of *sfnmem.Engine with an [sfn.Client] signature.
func Operations(e *sfnmem.Engine) []string {
	return slices.Sorted(maps.Keys(operations(reflect.TypeOf(e))))
}

var (
	contextType = reflect.TypeFor[context.Context]()
	optFnsType  = reflect.TypeFor[[]func(*sfn.Options)]()
	errorType   = reflect.TypeFor[error]()
	sfnPkgPath  = reflect.TypeFor[sfn.Options]().PkgPath()
)

// operations finds the methods of t shaped like
// func(context.Context, *sfn.OpInput, ...func(*sfn.Options)) (*sfn.OpOutput, error).
func operations(t reflect.Type) map[string]reflect.Method {
	ops := map[string]reflect.Method{}
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		if isOperation(m) {
			ops[m.Name] = m
		}
	}
	return ops
}

func isOperation(m reflect.Method) bool {
	mt := m.Type // the receiver is In(0)
	if mt.NumIn() != 4 || mt.NumOut() != 2 || !mt.IsVariadic() {
		return false
	}
	named := func(t reflect.Type, name string) bool {
		return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct &&
			t.Elem().PkgPath() == sfnPkgPath && t.Elem().Name() == name
	}
	return mt.In(1) == contextType && named(mt.In(2), m.Name+"Input") && mt.In(3) == optFnsType &&
		named(mt.Out(0), m.Name+"Output") && mt.Out(1) == errorType
}

// ServeHTTP answers one awsJson1.0 request.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Amzn-Requestid", requestID(h.seq.Add(1)))
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "UnknownOperationException",
			fmt.Sprintf("Step Functions operations are POST requests, not %s", r.Method), nil)
		return
	}
	if r.URL.Path != "/" {
		writeError(w, http.StatusNotFound, "UnknownOperationException",
			fmt.Sprintf("Step Functions operations are sent to /, not %s", r.URL.Path), nil)
		return
	}
	target := r.Header.Get("X-Amz-Target")
	op, ok := h.ops[strings.TrimPrefix(target, TargetPrefix)]
	if !ok || !strings.HasPrefix(target, TargetPrefix) {
		writeError(w, http.StatusBadRequest, "UnknownOperationException",
			fmt.Sprintf("unknown operation %q", target), nil)
		return
	}
	if !jsonContentType(r.Header.Get("Content-Type")) {
		writeError(w, http.StatusBadRequest, "UnknownOperationException",
			fmt.Sprintf("unsupported Content-Type %q; use application/x-amz-json-1.0", r.Header.Get("Content-Type")), nil)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		writeError(w, http.StatusBadRequest, "SerializationException", "reading the request body: "+err.Error(), nil)
		return
	}
	in := reflect.New(op.Type.In(2).Elem())
	if err := decodeBody(body, in); err != nil {
		writeError(w, http.StatusBadRequest, "SerializationException", err.Error(), nil)
		return
	}
	res := op.Func.Call([]reflect.Value{h.engine, reflect.ValueOf(r.Context()), in})
	if err, _ := res[1].Interface().(error); err != nil {
		writeAPIError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(http.StatusOK)
	w.Write(encodeBody(res[0]))
}

// jsonContentType accepts the awsJson 1.0 and 1.1 media types, with or
// without parameters.
func jsonContentType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "application/x-amz-json-1.0" || mt == "application/x-amz-json-1.1")
}

// requestID formats the n-th request's id as a version-4 UUID: unique per
// handler and deterministic, so recorded exchanges are repeatable.
func requestID(n uint64) string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", n&(1<<48-1))
}
