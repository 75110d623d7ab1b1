// Benchmark: start-up. Printing one line measures what every program pays before
// main: for morestack, compiling (JIT) and starting the runtime; for Go and gccgo,
// loading the binary and starting theirs.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
