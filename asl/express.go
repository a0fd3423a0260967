package asl

import (
	"sort"
	"strconv"
	"strings"
)

// ExpressProblems lists what an EXPRESS state machine may not use: Task
// resources with the .waitForTaskToken or .sync integration patterns, and
// activities. The messages are AWS's, as recorded (including the two spaces
// in the .waitForTaskToken one); locations follow the definition's nesting.
func (d *Definition) ExpressProblems() []Problem {
	var ps []Problem
	d.expressProblems("", &ps)
	return ps
}

func (d *Definition) expressProblems(prefix string, ps *[]Problem) {
	names := make([]string, 0, len(d.States))
	for name := range d.States {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		st := d.States[name]
		loc := prefix + "/States/" + name
		if msg := expressResource(st.Resource); st.Type == TypeTask && msg != "" {
			*ps = append(*ps, Problem{Code: CodeSchemaValidationFailed, Message: msg, Location: loc + "/Resource"})
		}
		for i, b := range st.Branches {
			b.expressProblems(loc+"/Branches["+strconv.Itoa(i)+"]", ps)
		}
		if st.ItemProcessor != nil {
			st.ItemProcessor.expressProblems(loc+"/ItemProcessor", ps)
		}
	}
}

func expressResource(resource string) string {
	switch {
	case strings.HasSuffix(resource, ".waitForTaskToken"):
		return "Express state machine does not support '.waitForTaskToken' service integration "
	case strings.HasSuffix(resource, ".sync") || strings.Contains(resource, ".sync:"):
		return "Express state machine does not support '.sync' service integration"
	case strings.Contains(resource, ":activity:"):
		return "Express state machine does not support Activity ARN"
	}
	return ""
}
