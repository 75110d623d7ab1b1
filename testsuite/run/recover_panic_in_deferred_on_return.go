// run

package main

import "fmt"

// No panic in the body: a deferred call panics during the normal return,
// and an earlier-registered deferred call recovers it.
func f() (n int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered during return:", r, "n =", n)
			n += 1000
		}
	}()
	defer func() {
		if n > 5 {
			panic(fmt.Sprintf("n too large: %d", n))
		}
	}()
	defer func() {
		n *= 2
	}()
	return 4
}

func main() {
	fmt.Println(f())
}
