// run
// want-exit: 2

package main

import "fmt"

func main() {
	ok := 3 > 4
	defer fmt.Println("deferred runs, ok =", ok)
	panic(!ok)
}
