// Go→C calls of an empty C function: os.Args[1] calls (bench/cgo.sh runs it with
// N and with 0 and divides the difference).
package main

/*
static void empty(void) {}
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	for i := 0; i < n; i++ {
		C.empty()
	}
	fmt.Println("calls:", n)
}
