package clock_test

import (
	"fmt"
	"time"

	"github.com/sfnmem/sfnmem/clock"
)

func ExampleFake_Advance() {
	c := clock.NewFake(time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC))
	c.AfterFunc(2*time.Second, func() { fmt.Println("wait done at", c.Now().Format(time.TimeOnly)) })
	c.AfterFunc(time.Second, func() {
		fmt.Println("retry at", c.Now().Format(time.TimeOnly))
		// Due within the same Advance, so it fires before Advance returns.
		c.AfterFunc(500*time.Millisecond, func() { fmt.Println("chained at", c.Now().Format(time.StampMilli)[7:]) })
	})
	c.Advance(time.Minute)
	fmt.Println("now", c.Now().Format(time.TimeOnly), "pending", c.Pending())
	// Output:
	// retry at 00:00:01
	// chained at 00:00:01.500
	// wait done at 00:00:02
	// now 00:01:00 pending 0
}
