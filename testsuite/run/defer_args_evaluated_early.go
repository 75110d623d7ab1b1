// run

package main

import "fmt"

type pair struct {
	a, b int
}

func show(tag string, x int) {
	fmt.Println(tag, x)
}

func showPair(p pair) {
	fmt.Println("pair", p.a, p.b)
}

func showArr(a [3]int) {
	fmt.Println("array", a[0], a[1], a[2])
}

func showSlice(s []int) {
	fmt.Println("slice", s)
}

func next(counter *int) int {
	*counter = *counter + 1
	fmt.Println("evaluating argument", *counter)
	return *counter * 10
}

func main() {
	x := 1
	defer show("value at defer time", x)
	defer func() {
		fmt.Println("closure sees final x", x)
	}()
	x = 2
	p := pair{1, 2}
	defer showPair(p)
	p.a = 100
	arr := [3]int{1, 2, 3}
	defer showArr(arr)
	arr[0] = 99
	s := []int{1, 2, 3}
	defer showSlice(s)
	s[0] = 42
	n := 0
	defer show("call result", next(&n))
	defer show("second call result", next(&n))
	fmt.Println("arguments already evaluated, n =", n)
	ptr := &x
	defer func(v int, q *int) {
		fmt.Println("param copy", v, "through pointer", *q)
	}(*ptr, ptr)
	x = 3
	fmt.Println("end of main body")
}
