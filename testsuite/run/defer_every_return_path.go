// run

package main

import "fmt"

func classify(n int) string {
	defer fmt.Println("  classify done for", n)
	if n < 0 {
		return "negative"
	}
	defer fmt.Println("  n is not negative:", n)
	if n == 0 {
		return "zero"
	}
	defer fmt.Println("  n is positive:", n)
	if n%2 == 0 {
		return "even"
	}
	return "odd"
}

func search(xs []int, target int) int {
	defer fmt.Println("  search finished for", target)
	for i, v := range xs {
		if v == target {
			return i
		}
	}
	return -1
}

func noReturn(n int) {
	defer fmt.Println("  noReturn deferred", n)
	if n > 1 {
		fmt.Println("  noReturn big")
		return
	}
	fmt.Println("  noReturn small")
}

func main() {
	for _, n := range []int{-3, 0, 4, 7} {
		fmt.Println(classify(n))
	}
	xs := []int{5, 8, 13}
	fmt.Println(search(xs, 8))
	fmt.Println(search(xs, 9))
	noReturn(1)
	noReturn(2)
}
