// run

package main

// A deferred call made during a panic calls C, whose callback panics; both panics are
// recovered above the C call, 400,000 times: the abandoned system-stack frames must
// be reclaimed each time.

/*
extern void goPanic(void);
static void callGo(void) { goPanic(); }
*/
import "C"

import (
	"fmt"
)

//export goPanic
func goPanic() { panic("p2") }

func f() {
	defer func() { recover() }()
	defer func() { C.callGo() }()
	panic("p1")
}

func main() {
	n := 400000
	for i := 0; i < n; i++ {
		f()
	}
	fmt.Println("done", n)
}
