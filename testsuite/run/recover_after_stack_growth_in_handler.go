// run

package main

import "fmt"

func note() {}

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func handler() {
	d := depth(1000)
	if r := recover(); r != nil {
		fmt.Println("recovered", r, d)
	}
	defer note()
}

func f() {
	defer handler()
	panic("boom")
}

func main() {
	f()
	fmt.Println("done")
}

