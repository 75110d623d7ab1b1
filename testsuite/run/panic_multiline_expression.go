// run
// want-exit: 2

package main

import "fmt"

func pick(xs []int, i int) int {
	return xs[i]
}

func combine(a, b, c int) int {
	return a*100 + b*10 + c
}

func main() {
	xs := []int{1, 2, 3}
	fmt.Println(combine(
		pick(xs, 0),
		pick(xs, 1),
		pick(xs, 2),
	))
	defer fmt.Println("deferred in main")
	total := combine(
		pick(xs, 2),
		pick(xs,
			3),
		pick(xs, 0),
	)
	fmt.Println(total)
}
