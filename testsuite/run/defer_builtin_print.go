// run

package main

import "fmt"

// Deferring the builtins println and print directly: their arguments are
// evaluated at the defer statement like those of any deferred call.
func main() {
	n := 1
	s := "before"
	defer println("deferred println", n, s, true)
	defer print("deferred print ", n, " ", s, "\n")
	for i := 0; i < 3; i++ {
		defer println("loop", i)
	}
	n = 2
	s = "after"
	fmt.Println("main body", n, s)
}
