// Package sfnhttp serves an [sfnmem.Engine] over the AWS JSON 1.0 protocol
// that Step Functions speaks (spec/redrive-semantics.md §3), so the real
// SDK clients — aws-sdk-go-v2's sfn.Client, the JavaScript SDK v3, the AWS
// CLI — can use an in-memory engine as their endpoint.
//
// What it models: POST / with X-Amz-Target: AWSStepFunctions.<Operation>;
// lowerCamelCase JSON members, a missing or null member meaning the zero
// value; timestamps as epoch seconds with a millisecond fraction; errors as
// {"__type":"com.amazonaws.sfn#<Code>","message":...} with the modelled
// extra members (reason, resourceName, kmsKeyState), the X-Amzn-Errortype
// header and the documented HTTP statuses. Every Engine method with an
// [sfn.Client] signature is served, found by reflection.
//
// What it does not model: request signing (Authorization and X-Amz-Date
// are accepted and not checked), throttling, the sync- host prefix of
// StartSyncExecution, and AWS's exact SerializationException texts. Where
// AWS documents nothing, the choices are recorded in docs/decisions.md:
// unknown members are ignored, an empty body means {}, nil lists and maps
// are left out except lists the model marks required (sent as []), and
// request ids are a per-handler counter shaped as a UUID.
package sfnhttp
