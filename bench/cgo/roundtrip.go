// Go→C→Go round trips: os.Args[1] calls of a C function that calls an empty
// exported Go function (bench/cgo.sh runs it with N and with 0).
package main

/*
extern void goEmpty(void);
static void callGo(void) { goEmpty(); }
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
)

var calls int

//export goEmpty
func goEmpty() {
	calls++
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	for i := 0; i < n; i++ {
		C.callGo()
	}
	fmt.Println("round trips:", calls)
}
