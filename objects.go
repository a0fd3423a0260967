package sfnmem

import (
	"sort"
	"strings"
	"time"

	"github.com/sfnmem/sfnmem/maprun"
)

// objectStore is the engine's in-memory stand-in for S3: Distributed Map
// ItemReaders read from it and ResultWriters write to it. Guarded by e.mu.
type objectStore struct {
	buckets map[string]map[string]storedObject
}

type storedObject struct {
	body     []byte
	modified time.Time
}

func (s *objectStore) put(bucket, key string, body []byte, at time.Time) {
	if s.buckets == nil {
		s.buckets = map[string]map[string]storedObject{}
	}
	if s.buckets[bucket] == nil {
		s.buckets[bucket] = map[string]storedObject{}
	}
	s.buckets[bucket][key] = storedObject{body: append([]byte(nil), body...), modified: at}
}

func (s *objectStore) get(bucket, key string) ([]byte, bool) {
	o, ok := s.buckets[bucket][key]
	if !ok {
		return nil, false
	}
	return append([]byte(nil), o.body...), true
}

// list returns the bucket's objects whose keys start with prefix, in key order.
func (s *objectStore) list(bucket, prefix string) []maprun.Object {
	var out []maprun.Object
	for key, o := range s.buckets[bucket] {
		if strings.HasPrefix(key, prefix) {
			out = append(out, maprun.Object{Key: key, Size: int64(len(o.body)), LastModified: o.modified, ETag: maprun.ETag(o.body)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// PutObject stores body under bucket and key in the engine's object store,
// which Distributed Map ItemReaders (s3:getObject, s3:listObjectsV2) read
// from. The body is copied.
func (e *Engine) PutObject(bucket, key string, body []byte) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.objects.put(bucket, key, body, e.now())
}

// GetObject returns a copy of the object stored under bucket and key (by
// PutObject, or by a Distributed Map's ResultWriter), and whether it exists.
func (e *Engine) GetObject(bucket, key string) ([]byte, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.objects.get(bucket, key)
}

// ListObjects returns the keys stored in bucket that start with prefix, in
// order.
func (e *Engine) ListObjects(bucket, prefix string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var keys []string
	for _, o := range e.objects.list(bucket, prefix) {
		keys = append(keys, o.Key)
	}
	return keys
}
