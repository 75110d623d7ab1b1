// run
// want-exit: 2

package main

import "fmt"

func fail(n int) {
	if n == 0 {
		panic(fmt.Sprintf("main goroutine fails with %d others blocked", 5))
	}
	fail(n - 1)
}

func main() {
	block := make(chan bool)
	started := make(chan bool)
	for i := 0; i < 5; i++ {
		go func() {
			defer fmt.Println("a blocked goroutine's defer never runs")
			started <- true
			<-block
		}()
	}
	for i := 0; i < 5; i++ {
		<-started
	}
	// The traceback (GOTRACEBACK=single, Go's default) shows only the
	// panicking goroutine.
	fail(2)
}
