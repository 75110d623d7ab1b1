// Seed 000's Go→C→Go recursion (goIncrease ↔ increase) to the depth os.Args[1]:
// bench/cgo.sh looks for the deepest that completes.
package main

/*
static int increase(int a) { return goIncrease(a); }
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
)

var limit C.int

//export goIncrease
func goIncrease(a C.int) C.int {
	a++
	if a >= limit {
		return a
	}
	return C.increase(a)
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	limit = C.int(n)
	fmt.Println("depth:", goIncrease(0))
}
