// run

// Recursion ten million deep with a small frame: the goroutine stack grows from
// its initial size by repeated doubling (copying every frame each time) and the
// sum must still come out right.
package main

import "fmt"

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

func main() {
	fmt.Println(sum(10000000))
}
