// run
// want-exit: 2

package main

import (
	"fmt"
	"runtime"
)

// main calls Goexit: its deferred calls run, the other goroutines keep
// running to completion, and then the program dies because no goroutine is
// left.

func main() {
	c := make(chan int)
	start := make(chan bool)
	// Deferred calls run newest first: the print, then the close that lets
	// the other goroutines start.
	defer close(start)
	defer fmt.Println("main's deferred call runs")
	go func() {
		<-start
		for i := 0; i < 3; i++ {
			c <- i
		}
		close(c)
	}()
	go func() {
		sum := 0
		for v := range c {
			fmt.Println("worker received", v)
			sum += v
		}
		fmt.Println("worker done, sum", sum)
	}()
	runtime.Goexit()
	fmt.Println("not reached")
}
