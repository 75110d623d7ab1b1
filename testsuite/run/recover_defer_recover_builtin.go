// run

package main

import "fmt"

// `defer recover()` recovers only when the function that deferred it was itself
// called by the panic machinery and returns normally (Go's rule for defer wrappers).

func viaNormalReturn() (msg string) {
	defer func() { msg = fmt.Sprint("after: ", recover()) }()
	defer func() {
		defer recover() // runs at this closure's return: recovers "outer"
	}()
	panic("outer")
}

func directlyByPanic() (msg string) {
	defer func() { msg = fmt.Sprint("caught by the next defer: ", recover()) }()
	defer recover() // run by the panic itself: a no-op
	panic("direct")
}

func main() {
	fmt.Println(viaNormalReturn())
	fmt.Println(directlyByPanic())
}
