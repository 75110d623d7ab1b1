// run

package main

// A callback from C that recurses 100,000 deep: its goroutine stack grows (and
// is copied) while C frames wait below it; deferred calls run at every level.

/*
extern int goDeep(int);
static int callDeep(int n) { return goDeep(n) + 1; }
*/
import "C"

import "fmt"

var deferred int

func recurse(n int) int {
	defer func() { deferred++ }()
	var pad [4]int
	pad[n%4] = n
	if n == 0 {
		return 0
	}
	return recurse(n-1) + 1 + pad[n%4] - n
}

//export goDeep
func goDeep(n C.int) C.int {
	defer func() { fmt.Println("goDeep returns, deferred calls so far:", deferred) }()
	return C.int(recurse(int(n)))
}

func main() {
	fmt.Println(C.callDeep(100000))
	fmt.Println(C.callDeep(10))
}
