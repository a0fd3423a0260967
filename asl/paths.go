package asl

// Select evaluates the JSONPath p against input and ctx (a path starting "$$"
// reads ctx), as InputPath, OutputPath, ItemsPath, SecondsPath and Choice
// Variables do. A path that matches nothing gives a *RuntimeError
// (States.Runtime, with AWS's "Invalid path" cause).
func Select(p string, input, ctx any) (any, error) { panic("TODO") }

// ApplyResultPath places result into input at the reference path rp and
// returns the combined value (a copy; input is not modified). rp.Null keeps
// input as it is; an absent rp ("$") replaces input by result. A path that
// cannot be applied gives a *RuntimeError (States.Runtime).
func ApplyResultPath(rp Path, input, result any) (any, error) { panic("TODO") }

// ApplyInputPath applies InputPath (or OutputPath): absent means the whole
// value; null means {}.
func ApplyInputPath(p Path, input, ctx any) (any, error) { panic("TODO") }
