// run
// want-exit: 2

package main

import "fmt"

func errln(s string, n int) {
	println(s, n)
}

func d4(n int) int {
	defer fmt.Println("d4 deferred", n)
	if n > 3 {
		panic(fmt.Sprintf("depth limit exceeded: %d", n))
	}
	return n
}

func d3(n int) int {
	defer errln("d3 deferred (stderr)", n)
	return d4(n+1) + 1
}

func d2(n int) int {
	x := d3(n + 1)
	return x * 2
}

func d1(n int) int {
	defer func() {
		fmt.Println("d1 deferred closure", n)
	}()
	return d2(n+1) - 1
}

func main() {
	fmt.Println(d1(0))
	fmt.Println(d1(1))
}
