// run

// A recover in a deferred call of a Goexit does not cancel the Goexit: the panic
// raised by one of its deferred calls is recovered, the remaining deferred calls
// (open-coded and general) still run, and the goroutine ends.
package main

import (
	"fmt"
	"runtime"
)

func f() {
	defer func() { fmt.Println("recovered:", recover()) }()
	defer func() { panic("p") }()
	runtime.Goexit()
}

func g(ch chan string) {
	defer func() { ch <- "g's deferred call ran" }()
	for i := 0; i < 2; i++ {
		defer func(i int) { fmt.Println("loop defer", i) }(i)
	}
	f()
	fmt.Println("after f: must not print")
}

func main() {
	done := make(chan bool)
	go func() {
		defer func() { done <- true }()
		f()
		fmt.Println("after f: should not print")
	}()
	<-done
	ch := make(chan string)
	go g(ch)
	fmt.Println(<-ch)
}
