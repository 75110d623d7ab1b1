// run

// Comparison of large and nested arrays of structs, strings and floats (compiled
// as a loop over the elements).
package main

import "fmt"

type S struct {
	a int
	s string
	b [3][5]int8
}

func main() {
	var x, y [100]S
	fmt.Println(x == y, x != y)
	y[57].b[2][4] = 1
	fmt.Println(x == y, x != y)
	y[57].b[2][4] = 0
	y[99].s = "z"
	fmt.Println(x == y)
	var f1, f2 [10]float64
	f1[3] = 0.0
	f2[3] = -0.0
	fmt.Println(f1 == f2)
	a := [6]string{"a", "b"}
	b := [6]string{"a", "b"}
	fmt.Println(a == b, a != b)
}
