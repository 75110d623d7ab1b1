// run

package main

import "fmt"

var (
	a = c + b // initialised after b and c
	b = f("b", 1)
	c = f("c", 2)
	d = 3
)

var total = sum(list)
var list = []int{a, b, c, d, x}
var x = f("x", 10)

var counter int

func f(name string, v int) int {
	counter++
	fmt.Println("init", name, "=", v, "counter", counter)
	return v
}

func sum(s []int) int {
	t := 0
	for _, v := range s {
		t += v
	}
	fmt.Println("sum of", len(s), "values")
	return t
}

var first, second = pair()

func pair() (int, string) {
	fmt.Println("pair called")
	return 42, "forty-two"
}

var arr = [3]int{d * 1, d * 2, d * 3}
var zero int
var emptyS string
var emptyP *int

func main() {
	fmt.Println(a, b, c, d)
	fmt.Println(total, list)
	fmt.Println(first, second, arr)
	fmt.Println(zero, emptyS == "", emptyP == nil, counter)
}
