// run

// A deep recursion grows the stack; runtime.GC() at a shallow point may then
// shrink it (MORESTACKDEBUG=stack=1 shows the halvings), and later recursion grows
// it again. Results must be unaffected.
package main

import (
	"fmt"
	"runtime"
)

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func main() {
	for round := 1; round <= 3; round++ {
		d := depth(100000 * round)
		runtime.GC()
		runtime.GC()
		fmt.Println(round, d)
	}
}
