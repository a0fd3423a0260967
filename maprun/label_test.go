package maprun_test

import (
	"errors"
	"regexp"
	"testing"

	"github.com/sfnmem/sfnmem/execution"
	"github.com/sfnmem/sfnmem/maprun"
)

func TestLabel(t *testing.T) {
	t.Parallel()
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	got, err := maprun.Label("", smARN, "Map")
	if err != nil || !uuid.MatchString(got) {
		t.Fatalf("Label(\"\", sm, Map) = %q, %v, want a version-5 UUID", got, err)
	}
	if err := execution.ValidateLabel(got); err != nil {
		t.Errorf("generated label %q is not a valid label: %v", got, err)
	}
	tests := []struct {
		name      string
		sm, state string
		same      bool
	}{
		{"same state, same label", smARN, "Map", true},
		{"version ARN, same label", smARN + ":3", "Map", true},
		{"alias ARN, same label", smARN + ":PROD", "Map", true},
		{"other state", smARN, "Map2", false},
		{"other state machine", smARN + "2", "Map", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := maprun.Label("", tt.sm, tt.state)
			if err != nil {
				t.Fatal(err)
			}
			if (l == got) != tt.same {
				t.Errorf("Label(\"\", %s, %s) = %q; same as %q: %v, want %v", tt.sm, tt.state, l, got, l == got, tt.same)
			}
		})
	}
}

func TestLabelGiven(t *testing.T) {
	t.Parallel()
	tests := []struct {
		label   string
		wantErr bool
	}{
		{"demoLabel", false},
		{"with/slash", false},
		{"has space", true},
		{"a:b", true},
		{"0123456789012345678901234567890123456789x", true}, // 41 characters
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			t.Parallel()
			got, err := maprun.Label(tt.label, smARN, "Map")
			if tt.wantErr {
				var ne *execution.NameError
				if err == nil || !errors.As(err, &ne) {
					t.Fatalf("Label(%q) = %q, %v, want *execution.NameError", tt.label, got, err)
				}
				return
			}
			if err != nil || got != tt.label {
				t.Fatalf("Label(%q) = %q, %v", tt.label, got, err)
			}
		})
	}
}

func TestARNsAndID(t *testing.T) {
	t.Parallel()
	run, sm := maprun.ARNs(smARN, "demoLabel", "3c39a231-69bb-3d89-8607-9e124eddbb0b")
	if want := "arn:aws:states:us-east-1:123456789012:mapRun:sm/demoLabel:3c39a231-69bb-3d89-8607-9e124eddbb0b"; run != want {
		t.Errorf("Map Run ARN = %s, want %s", run, want)
	}
	if want := smARN + "/demoLabel"; sm != want {
		t.Errorf("labelled state machine ARN = %s, want %s", sm, want)
	}
	if got := maprun.ID(run); got != "3c39a231-69bb-3d89-8607-9e124eddbb0b" {
		t.Errorf("ID(%s) = %s", run, got)
	}
	if got := maprun.ID("no-colon"); got != "no-colon" {
		t.Errorf("ID(no-colon) = %s", got)
	}
}
