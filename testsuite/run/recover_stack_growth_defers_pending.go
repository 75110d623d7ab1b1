// run

package main

import "fmt"

var unwound int
var sumOut int

func dive(n, limit int) {
	defer func() {
		unwound++
		sumOut += n
	}()
	if n == limit {
		panic(fmt.Sprintf("bottom at %d", n))
	}
	dive(n+1, limit)
}

func top(limit int) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	dive(1, limit)
	return "no panic"
}

func main() {
	fmt.Println(top(100000))
	fmt.Println("unwound", unwound, "sum", sumOut)
	unwound, sumOut = 0, 0
	fmt.Println(top(10))
	fmt.Println("unwound", unwound, "sum", sumOut)
}
