// Benchmark: recursion ten million deep with a small frame. The stack grows from
// its initial size to hundreds of MiB by repeated doubling, each growth copying
// every frame; measures growth cost and peak memory.
package main

import "fmt"

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

func main() {
	fmt.Println("sum:", sum(10000000))
}
