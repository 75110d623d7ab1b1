// run
// want-exit: 2

package main

import "fmt"

// main blocks sending on an unbuffered channel that nobody receives from;
// another goroutine closes it. Whether the close comes before or after main
// blocks, main's send panics (a blocked sender is woken by the close). Go's
// race detector reports the unsynchronised close and send; the output is the
// same either way.

func main() {
	c := make(chan int)
	go func() {
		close(c)
	}()
	fmt.Println("sending")
	c <- 1
	fmt.Println("not reached")
}
