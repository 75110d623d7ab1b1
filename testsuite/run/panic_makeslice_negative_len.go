// run
// want-exit: 2

package main

import "fmt"

func alloc(n int) []int {
	return make([]int, n)
}

func main() {
	fmt.Println(len(alloc(3)))
	n := 2
	n -= 5
	fmt.Println(len(alloc(n)))
}
