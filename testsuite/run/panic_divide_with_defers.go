// run
// want-exit: 2

package main

import "fmt"

func ratio(a, b int) int {
	defer fmt.Println("ratio deferred", a, b)
	return a / b
}

func average(xs []int) (avg int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("average recovered:", r)
			avg = -1
		}
	}()
	sum := 0
	for _, x := range xs {
		sum += x
	}
	return ratio(sum, len(xs))
}

func report(xs []int, k int) {
	defer fmt.Println("report deferred", k)
	fmt.Println("average", average(xs))
	fmt.Println("bucket", len(xs)%k)
}

func main() {
	report([]int{3, 4, 5}, 2)
	report(nil, 1)
	report([]int{1}, 0)
	fmt.Println("not reached")
}
