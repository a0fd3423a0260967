package maprun

import (
	"bytes"
	"crypto/md5"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sfnmem/sfnmem/internal/jsonv"
)

// Input types of ItemReader.ReaderConfig.InputType that [ReaderConfig.Read]
// reads. MANIFEST (S3 inventory) is not modelled.
const (
	InputJSON  = "JSON"
	InputJSONL = "JSONL"
	InputCSV   = "CSV"
)

// MaxItemsLimit is the largest ReaderConfig.MaxItems AWS accepts.
const MaxItemsLimit = 100_000_000

// ReaderConfig is ItemReader.ReaderConfig with its paths already resolved
// (MaxItemsPath becomes MaxItems).
type ReaderConfig struct {
	InputType         string   // JSON, JSONL or CSV
	CSVHeaderLocation string   // FIRST_ROW (default) or GIVEN
	CSVHeaders        []string // with GIVEN
	CSVDelimiter      string   // COMMA (default), PIPE, SEMICOLON, SPACE or TAB
	MaxItems          int64    // 0: every item
}

// csvDelimiters maps CSVDelimiter values to the separator.
var csvDelimiters = map[string]rune{
	"COMMA": ',', "PIPE": '|', "SEMICOLON": ';', "SPACE": ' ', "TAB": '\t',
}

// ParseReaderConfig reads a resolved ReaderConfig object: InputType,
// CSVHeaderLocation, CSVHeaders, CSVDelimiter and MaxItems. A nil map is the
// empty config. Unknown fields are ignored (the asl package validates the
// definition); values of the wrong type or out of range are an *[Error]
// named States.ItemReaderFailed.
func ParseReaderConfig(v map[string]any) (ReaderConfig, error) {
	var c ReaderConfig
	str := func(k string) (string, error) {
		x, ok := v[k]
		if !ok {
			return "", nil
		}
		s, ok := x.(string)
		if !ok {
			return "", readerError("ReaderConfig." + k + " must be a string")
		}
		return s, nil
	}
	var err error
	if c.InputType, err = str("InputType"); err != nil {
		return c, err
	}
	if c.CSVHeaderLocation, err = str("CSVHeaderLocation"); err != nil {
		return c, err
	}
	if c.CSVDelimiter, err = str("CSVDelimiter"); err != nil {
		return c, err
	}
	if h, ok := v["CSVHeaders"]; ok {
		arr, ok := h.([]any)
		if !ok {
			return c, readerError("ReaderConfig.CSVHeaders must be an array of strings")
		}
		for _, e := range arr {
			s, ok := e.(string)
			if !ok {
				return c, readerError("ReaderConfig.CSVHeaders must be an array of strings")
			}
			c.CSVHeaders = append(c.CSVHeaders, s)
		}
	}
	if m, ok := v["MaxItems"]; ok {
		n, ok := m.(int64)
		if !ok {
			if f, isF := m.(float64); isF && f == float64(int64(f)) {
				n, ok = int64(f), true
			}
		}
		if !ok || n < 0 || n > MaxItemsLimit {
			return c, readerError(fmt.Sprintf("ReaderConfig.MaxItems must be an integer from 0 to %d", MaxItemsLimit))
		}
		c.MaxItems = n
	}
	return c, nil
}

// ReadItems is ParseReaderConfig(readerConfig) followed by Read(object).
func ReadItems(readerConfig map[string]any, object []byte) ([]any, error) {
	c, err := ParseReaderConfig(readerConfig)
	if err != nil {
		return nil, err
	}
	return c.Read(object)
}

// Read returns the items of object, the body s3:getObject returned, as JSON
// values (see package jsonv), at most MaxItems of them:
//
//   - JSON: the object is one JSON array; its elements are the items.
//   - JSONL: one JSON value per line; blank lines are skipped.
//   - CSV: one item per row, an object from header to value, every value a
//     string as AWS gives it. The header row is the first row (FIRST_ROW) or
//     CSVHeaders (GIVEN, and then the first row is data). A short row gives
//     "" for its missing columns; extra columns are dropped. Duplicate
//     headers fail with the cause AWS records: "CSV headers cannot contain
//     duplicates." (aws-recorded 3.7 H).
//
// Every failure is an *[Error] named States.ItemReaderFailed.
func (c ReaderConfig) Read(object []byte) ([]any, error) {
	switch c.InputType {
	case InputJSON:
		return readJSON(object, c.MaxItems)
	case InputJSONL:
		return readJSONL(object, c.MaxItems)
	case InputCSV:
		return c.readCSV(object)
	case "MANIFEST":
		return nil, readerError("ReaderConfig.InputType MANIFEST (S3 inventory) is not supported by sfnmem")
	}
	return nil, readerError(fmt.Sprintf("ReaderConfig.InputType %q is not one of JSON, JSONL, CSV", c.InputType))
}

func limit(items []any, maxItems int64) []any {
	if maxItems > 0 && int64(len(items)) > maxItems {
		return items[:maxItems:maxItems]
	}
	return items
}

func readJSON(object []byte, maxItems int64) ([]any, error) {
	v, err := jsonv.Decode(object)
	if err != nil {
		return nil, readerError("The S3 object is not valid JSON: " + err.Error())
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, readerError("The S3 object does not contain a JSON array.")
	}
	return limit(arr, maxItems), nil
}

func readJSONL(object []byte, maxItems int64) ([]any, error) {
	items := []any{}
	for n, line := 1, object; len(line) > 0 && (maxItems == 0 || int64(len(items)) < maxItems); n++ {
		var cur []byte
		cur, line, _ = bytes.Cut(line, []byte{'\n'})
		cur = bytes.TrimSpace(cur)
		if len(cur) == 0 {
			continue
		}
		v, err := jsonv.Decode(cur)
		if err != nil {
			return nil, readerError(fmt.Sprintf("Line %d of the S3 object is not valid JSON: %v", n, err))
		}
		items = append(items, v)
	}
	return items, nil
}

func (c ReaderConfig) readCSV(object []byte) ([]any, error) {
	delim := ','
	if c.CSVDelimiter != "" {
		d, ok := csvDelimiters[c.CSVDelimiter]
		if !ok {
			return nil, readerError(fmt.Sprintf("ReaderConfig.CSVDelimiter %q is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB", c.CSVDelimiter))
		}
		delim = d
	}
	r := csv.NewReader(bytes.NewReader(object))
	r.Comma = delim
	r.FieldsPerRecord = -1
	var headers []string
	switch c.CSVHeaderLocation {
	case "", "FIRST_ROW":
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return []any{}, nil
		}
		if err != nil {
			return nil, readerError("The S3 object is not valid CSV: " + err.Error())
		}
		headers = row
	case "GIVEN":
		if len(c.CSVHeaders) == 0 {
			return nil, readerError("ReaderConfig.CSVHeaders is required when CSVHeaderLocation is GIVEN")
		}
		headers = c.CSVHeaders
	default:
		return nil, readerError(fmt.Sprintf("ReaderConfig.CSVHeaderLocation %q is not one of FIRST_ROW, GIVEN", c.CSVHeaderLocation))
	}
	seen := make(map[string]bool, len(headers))
	for _, h := range headers {
		if seen[h] {
			return nil, readerError("CSV headers cannot contain duplicates.")
		}
		seen[h] = true
	}
	items := []any{}
	for c.MaxItems == 0 || int64(len(items)) < c.MaxItems {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, readerError("The S3 object is not valid CSV: " + err.Error())
		}
		item := make(map[string]any, len(headers))
		for i, h := range headers {
			if i < len(row) {
				item[h] = row[i]
			} else {
				item[h] = ""
			}
		}
		items = append(items, item)
	}
	return items, nil
}

// Object describes one stored object for [ListObjects].
type Object struct {
	Key          string
	Size         int64
	LastModified time.Time
	ETag         string // quoted, as S3 gives it; see [ETag]
	StorageClass string // "" means STANDARD
}

// ETag returns the ETag S3 gives an object with body uploaded in one part:
// the MD5 of the body in hex, in double quotes.
func ETag(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

// ListObjects returns the items an ItemReader with resource
// s3:listObjectsV2 iterates: one object per stored object whose key starts
// with prefix, in ascending key order (as ListObjectsV2 lists them), at most
// maxItems (0: all). Each item is
//
//	{"Etag": "\"<md5>\"", "Key": "<key>", "LastModified": <epoch seconds>, "Size": <bytes>, "StorageClass": "STANDARD"}
//
// the shape of the Distributed Map documentation's example (LastModified in
// whole seconds since the epoch).
func ListObjects(objects []Object, prefix string, maxItems int64) []any {
	sel := make([]Object, 0, len(objects))
	for _, o := range objects {
		if strings.HasPrefix(o.Key, prefix) {
			sel = append(sel, o)
		}
	}
	sort.Slice(sel, func(i, j int) bool { return sel[i].Key < sel[j].Key })
	items := make([]any, 0, len(sel))
	for _, o := range sel {
		sc := o.StorageClass
		if sc == "" {
			sc = "STANDARD"
		}
		items = append(items, map[string]any{
			"Etag":         o.ETag,
			"Key":          o.Key,
			"LastModified": o.LastModified.Unix(),
			"Size":         o.Size,
			"StorageClass": sc,
		})
	}
	return limit(items, maxItems)
}
