// run
// want-exit: 2

package main

import "fmt"

func validate(xs []int) {
	for i, x := range xs {
		if x < 0 {
			panic(fmt.Sprintf("invalid element %d at index %d (len %d)", x, i, len(xs)))
		}
	}
}

func main() {
	validate([]int{1, 2, 3})
	fmt.Println("first batch ok")
	validate([]int{4, -5, 6})
	fmt.Println("not reached")
}
