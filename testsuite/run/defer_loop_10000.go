// run

package main

import "fmt"

var order []int
var total int

func record(i int) {
	order = append(order, i)
	total += i
}

func run(n int) {
	for i := 0; i < n; i++ {
		defer record(i)
	}
	fmt.Println("registered", n, "defers, total so far", total)
}

func closures(n int) (sum int) {
	for i := 1; i <= n; i++ {
		v := i
		defer func() {
			sum += v * 2
		}()
	}
	return 0
}

func main() {
	run(10000)
	fmt.Println("total", total, "count", len(order))
	fmt.Println("first", order[0], "second", order[1], "last", order[len(order)-1])
	ok := true
	for i := 0; i < len(order); i++ {
		if order[i] != 9999-i {
			ok = false
		}
	}
	fmt.Println("strict LIFO:", ok)
	fmt.Println("closures", closures(10000))
}
