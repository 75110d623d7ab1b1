// run
// want-exit: 2

package main

import "fmt"

// Every other goroutine has finished; main waits for a value nobody will
// send. The runtime detects the deadlock.

func main() {
	c := make(chan int)
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func(i int) {
			fmt.Println("worker", i, "done")
			done <- true
		}(i)
		<-done
	}
	fmt.Println("waiting for a value nobody sends")
	<-c
}
