// run

package main

import (
	"fmt"
	"runtime"
)

func waitFor(n int) {
	// Goroutines that finished their work may still be exiting: yield until
	// the count settles.
	for runtime.NumGoroutine() != n {
		runtime.Gosched()
	}
}

func main() {
	fmt.Println("at start:", runtime.NumGoroutine())

	block := make(chan bool)
	started := make(chan bool)
	for i := 0; i < 10; i++ {
		go func() {
			started <- true
			<-block
		}()
	}
	for i := 0; i < 10; i++ {
		<-started
	}
	// Blocked goroutines count.
	fmt.Println("with 10 blocked:", runtime.NumGoroutine())
	close(block)
	waitFor(1)
	fmt.Println("after they exit:", runtime.NumGoroutine())

	// Gosched lets other goroutines run; a goroutine that only yields still
	// makes progress and so do the others.
	flag := make(chan bool)
	counter := 0
	go func() {
		for i := 0; i < 1000; i++ {
			runtime.Gosched()
		}
		flag <- true
	}()
	for i := 0; i < 1000; i++ {
		counter++
		runtime.Gosched()
	}
	<-flag
	fmt.Println("counter:", counter)

	// Gosched with a single goroutine returns immediately.
	for i := 0; i < 3; i++ {
		runtime.Gosched()
	}
	waitFor(1)
	fmt.Println("at end:", runtime.NumGoroutine())
}
