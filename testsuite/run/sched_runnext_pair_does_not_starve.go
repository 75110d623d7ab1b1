// run

// Two goroutines handing off to each other through runnext must not starve a third
// goroutine, even under GOMAXPROCS=1: the pair inherits its time slice and is
// preempted (Go's inheritTime).

package main

import "runtime"

func main() {
	runtime.GOMAXPROCS(1)
	stop := make(chan bool)
	go func() {
		close(stop)
	}()
	a := make(chan int)
	b := make(chan int)
	go func() {
		for {
			v := <-a
			b <- v
		}
	}()
	for i := 0; ; i++ {
		a <- i
		<-b
		select {
		case <-stop:
			println("other goroutine ran")
			return
		default:
		}
	}
}
