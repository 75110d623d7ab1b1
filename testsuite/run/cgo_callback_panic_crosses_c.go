// run

package main

// A panic in a callback that is not recovered there unwinds through the C
// frames (C code after the callback never runs) and is recovered by the Go
// function that called C; every Go frame's deferred calls run on the way.

/*
extern void goCallback(int);
static int finished;
static void callC(int n) { goCallback(n); finished++; }
static int finishedCalls(void) { return finished; }
*/
import "C"

import "fmt"

//export goCallback
func goCallback(n C.int) {
	defer fmt.Println("deferred in callback", n)
	if n == 0 {
		panic("boom in callback")
	}
	C.callC(n - 1)
}

func outer(n int) (r string) {
	defer func() {
		if e := recover(); e != nil {
			r = fmt.Sprint("recovered: ", e)
		}
	}()
	C.callC(C.int(n))
	return "normal"
}

func main() {
	fmt.Println(outer(3))
	fmt.Println("C calls that finished:", C.finishedCalls())
	// The thread and the goroutine are usable again.
	fmt.Println(outer(1))
	fmt.Println("C calls that finished:", C.finishedCalls())
}
