// Benchmark: call-heavy recursion. fib(35) makes about 30 million calls in Go,
// each through a Go prologue (the stack check); the stack stays shallow (depth
// 35), so this measures the cost of calls and checks, not of stack growth.
// (morestack evaluates fib's early return at its call sites: see bench/README.md.)
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println("fib(35) =", fib(35))
}
