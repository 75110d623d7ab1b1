// run

// Lowering GOMAXPROCS while Ms are looking for work, then sleeping: the goroutine
// that wakes from time.Sleep must still be run.

package main

import (
	"runtime"
	"time"
)

func main() {
	runtime.GOMAXPROCS(4)
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			for j := 0; j < 1000; j++ {
				runtime.Gosched()
			}
			done <- true
		}()
	}
	runtime.GOMAXPROCS(1)
	for i := 0; i < 4; i++ {
		<-done
	}
	time.Sleep(time.Millisecond)
	println("ok")
}
