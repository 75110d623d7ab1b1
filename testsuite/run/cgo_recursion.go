// run

package main

// Go -> C -> Go -> C ... 2500 levels deep (the program of seed 000): the
// preamble calls the exported function without declaring it.

/*
static int increase(int a) { return goIncrease(a++);}
*/
import "C"

import "fmt"

func main() {
	fmt.Println(goIncrease(0))
}

//export goIncrease
func goIncrease(a C.int) C.int {
	a++
	if a > 2500 {
		return a
	}
	return C.increase(a)
}
