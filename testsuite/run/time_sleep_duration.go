// run
// want-exit: 2

// time.Sleep parks goroutines on the runtime's timers (a sleeping program is not
// deadlocked); time.Duration values print as Go's String method does.

package main

import (
	"fmt"
	"time"
)

func main() {
	c := make(chan string)
	go func() {
		time.Sleep(30 * time.Millisecond)
		c <- "slow"
	}()
	go func() {
		time.Sleep(time.Duration(5) * time.Millisecond)
		c <- "fast"
	}()
	fmt.Println(<-c, <-c)
	d := 90 * time.Minute
	fmt.Println(d, time.Second, []time.Duration{time.Microsecond, 1500 * time.Millisecond})
	fmt.Printf("%v %d %s\n", d, d, time.Hour+time.Nanosecond)
	var zero time.Duration
	println(d, zero)
	time.Sleep(-1)
	time.Sleep(0)
	select {}
}
