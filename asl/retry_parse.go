package asl

import "math"

// maxDelaySeconds is the largest MaxDelaySeconds AWS accepts (one year and a day).
const maxDelaySeconds = 31622400

func (p *parser) retriers(f fields) []Retrier {
	arr, ok := f.array("Retry")
	if !ok {
		return nil
	}
	loc := child(f.loc, "Retry")
	var out []Retrier
	for i, e := range arr {
		rloc := index(loc, i)
		o, ok := e.(*object)
		if !ok {
			f.ps.schema(rloc, "A Retrier must be a JSON object")
			continue
		}
		rf := fields{ps: f.ps, o: o, loc: rloc}
		rf.supported("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate",
			"MaxDelaySeconds", "JitterStrategy", "Comment")
		r := Retrier{IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2.0, JitterStrategy: "NONE"}
		r.ErrorEquals = errorEquals(rf, i == len(arr)-1, "Retrier")
		if v, ok := rf.integer("IntervalSeconds", 1, maxSeconds); ok {
			r.IntervalSeconds = *v
		}
		if v, ok := rf.integer("MaxAttempts", 0, maxSeconds); ok {
			r.MaxAttempts = *v
		}
		if v, ok := rf.number("BackoffRate", 1, math.MaxFloat64); ok {
			r.BackoffRate = *v
		}
		if v, ok := rf.integer("MaxDelaySeconds", 1, maxDelaySeconds); ok {
			r.MaxDelaySeconds = *v
		}
		if js, ok := rf.str("JitterStrategy"); ok {
			if js != "FULL" && js != "NONE" {
				f.ps.schema(child(rloc, "JitterStrategy"), "The value for the field 'JitterStrategy' must be one of [FULL, NONE]")
			} else {
				r.JitterStrategy = js
			}
		}
		out = append(out, r)
	}
	return out
}

func (p *parser) catchers(f fields) []Catcher {
	arr, ok := f.array("Catch")
	if !ok {
		return nil
	}
	loc := child(f.loc, "Catch")
	var out []Catcher
	for i, e := range arr {
		cloc := index(loc, i)
		o, ok := e.(*object)
		if !ok {
			f.ps.schema(cloc, "A Catcher must be a JSON object")
			continue
		}
		cf := fields{ps: f.ps, o: o, loc: cloc}
		cf.supported("ErrorEquals", "Next", "ResultPath", "Comment")
		cf.required("Next")
		c := Catcher{ErrorEquals: errorEquals(cf, i == len(arr)-1, "Catcher")}
		c.Next = cf.target("Next")
		c.ResultPath = cf.refPath("ResultPath")
		out = append(out, c)
	}
	return out
}

// errorEquals reads a non-empty ErrorEquals array of strings, in which
// States.ALL may only appear alone, in the last Retrier or Catcher.
func errorEquals(f fields, last bool, what string) []string {
	if !f.required("ErrorEquals") {
		return nil
	}
	loc := child(f.loc, "ErrorEquals")
	arr, ok := f.o.Vals["ErrorEquals"].([]any)
	if !ok || len(arr) == 0 {
		f.ps.schema(loc, "Field 'ErrorEquals' must be a non-empty array of strings")
		return nil
	}
	names := make([]string, 0, len(arr))
	for _, e := range arr {
		s, ok := e.(string)
		if !ok {
			f.ps.schema(loc, "Field 'ErrorEquals' must be a non-empty array of strings")
			return nil
		}
		names = append(names, s)
	}
	if contains(names, ErrAll) {
		if len(names) > 1 {
			f.ps.schema(loc, "The error name 'States.ALL' must appear alone in 'ErrorEquals'")
		}
		if !last {
			f.ps.schema(f.loc, "A %s whose 'ErrorEquals' contains 'States.ALL' must be the last one", what)
		}
	}
	return names
}
