// run

package main

import "fmt"

func div(a, b int) (q int, failed bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("  div:", r)
			failed = true
		}
	}()
	q = a / b
	return
}

func mod(a, b int) (m int, failed bool) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("  mod:", r)
			failed = true
		}
	}()
	m = a % b
	return
}

func small(a, b int8) {
	defer func() {
		r := recover()
		fmt.Println("  int8:", a/2, r)
	}()
	fmt.Println("  int8 result", a/b)
}

func unsigned(a, b uint32) {
	defer func() {
		r := recover()
		fmt.Println("  uint32:", r)
	}()
	a %= b
	fmt.Println("  uint32 result", a)
}

func main() {
	fmt.Println(div(7, 2))
	fmt.Println(div(7, 0))
	fmt.Println(mod(7, 3))
	fmt.Println(mod(7, 0))
	small(-128, -1)
	small(100, 0)
	unsigned(10, 4)
	unsigned(10, 0)
}
