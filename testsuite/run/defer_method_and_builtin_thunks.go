// run

package main

import (
	"errors"
	"fmt"
)

type pair struct{ a, b int }

func show(p pair, xs [3]int, s string) { fmt.Println("show", p, xs, s) }

func main() {
	err := errors.New("deferred error text")
	p := pair{1, 2}
	xs := [3]int{4, 5, 6}
	s := "before"
	defer fmt.Println("Error() at defer time:", err.Error())
	defer show(p, xs, s)
	defer copy(xs[:], []int{7, 8, 9})
	p.a, xs[0], s = 10, 40, "after"
	f := func(n int) { fmt.Println("closure value called with", n) }
	defer f(len(s))
	f = nil
	var e error
	fmt.Println(e == nil, err != nil)
	n, perr := fmt.Sprint(3), fmt.Errorf("wrapped: %v", err)
	fmt.Println(n, perr)
}
