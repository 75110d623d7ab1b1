// run

// Recursion 20,000 deep where every frame has a [1024]int local that is written
// before and read after the recursive call, so each frame's array must survive
// every growth below it.
package main

import "fmt"

func deep(n int) int {
	var a [1024]int
	for i := range a {
		a[i] = n + i
	}
	if n == 0 {
		return a[1023]
	}
	r := deep(n - 1)
	return r + a[0] - a[1] + 1 + a[1023] - a[1022]
}

func main() {
	fmt.Println(deep(20000))
}
