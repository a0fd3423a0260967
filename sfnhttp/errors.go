package sfnhttp

import (
	"errors"
	"net/http"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go"
)

// ErrorTypePrefix qualifies error codes in the __type member, as Smithy
// recommends for awsJson1.0 (spec §3.2).
const ErrorTypePrefix = "com.amazonaws.sfn#"

var typesPkgPath = reflect.TypeFor[types.InvalidArn]().PkgPath()

// writeAPIError answers an error an Engine method returned. An SDK API
// error (usually a modelled type inside a *smithy.OperationError) keeps its
// code, message and extra members (reason, resourceName, kmsKeyState);
// anything else is an InternalFailure (500).
func writeAPIError(w http.ResponseWriter, err error) {
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		writeError(w, http.StatusInternalServerError, "InternalFailure", err.Error(), nil)
		return
	}
	writeError(w, errorStatus(apiErr), apiErr.ErrorCode(), apiErr.ErrorMessage(), apiErr)
}

// errorStatus is 400 for every modelled Step Functions error but
// ConflictException (409) and ServiceQuotaExceededException (402); a
// server fault is 500 (spec §3.2).
func errorStatus(err smithy.APIError) int {
	switch err.ErrorCode() {
	case "ConflictException":
		return http.StatusConflict
	case "ServiceQuotaExceededException":
		return http.StatusPaymentRequired
	}
	if err.ErrorFault() == smithy.FaultServer {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// writeError writes {"__type":"com.amazonaws.sfn#<code>","message":...}
// plus the members of a modelled error other than Message and
// ErrorCodeOverride, and sets X-Amzn-Errortype.
func writeError(w http.ResponseWriter, status int, code, message string, modelled error) {
	b := []byte(`{"__type":`)
	b = appendString(b, ErrorTypePrefix+code)
	b = append(b, `,"message":`...)
	b = appendString(b, message)
	b = appendErrorMembers(b, modelled)
	b = append(b, '}')
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.Header().Set("X-Amzn-Errortype", code)
	w.WriteHeader(status)
	w.Write(b)
}

// appendErrorMembers appends ",name:value" for each set extra member of an
// error type from the SDK's types package, such as ValidationException's
// reason.
func appendErrorMembers(b []byte, err error) []byte {
	v := reflect.ValueOf(err)
	if err == nil || v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct ||
		v.Elem().Type().PkgPath() != typesPkgPath {
		return b
	}
	v = v.Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		if !serialized(f) || f.Name == "Message" || f.Name == "ErrorCodeOverride" || omitMember(v.Type(), f, v.Field(i)) {
			continue
		}
		b = append(b, ',')
		b = appendString(b, wireName(f.Name))
		b = append(b, ':')
		b = appendValue(b, v.Field(i))
	}
	return b
}
