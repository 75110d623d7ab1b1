// run

// A goroutine parks (channel receive) after its stack grew deep; runtime.GC then
// shrinks the parked stack. Under MORESTACKDEBUG=stackmove=1 the copy verifier
// checks every word of it, including what the park pushed.

package main

import "runtime"

func deep(n int) int {
	if n == 0 {
		return 0
	}
	return deep(n-1) + 1
}

func worker(c chan int, done chan int) {
	deep(3000)
	v := <-c
	done <- v
}

func main() {
	c := make(chan int)
	done := make(chan int)
	go worker(c, done)
	for runtime.NumGoroutine() > 0 {
		runtime.Gosched()
		break
	}
	runtime.Gosched()
	runtime.GC()
	c <- 1
	println(<-done)
}
