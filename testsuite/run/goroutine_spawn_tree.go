// run

package main

import "fmt"

// A binary tree of goroutines: each computes fib(n) by starting two children
// and receiving their results over channels. fib(16) starts about 3,200
// goroutines, most of them alive at the same time.

func fib(n int, out chan<- int) {
	if n < 2 {
		out <- n
		return
	}
	c := make(chan int, 2)
	go fib(n-1, c)
	go fib(n-2, c)
	out <- <-c + <-c
}

// The same with a closure and an unbuffered channel per child.
func sum(lo, hi int) int {
	if hi-lo <= 4 {
		s := 0
		for i := lo; i < hi; i++ {
			s += i
		}
		return s
	}
	mid := (lo + hi) / 2
	left := make(chan int)
	right := make(chan int)
	go func() { left <- sum(lo, mid) }()
	go func() { right <- sum(mid, hi) }()
	return <-right + <-left
}

func main() {
	for _, n := range []int{1, 2, 10, 16} {
		c := make(chan int)
		go fib(n, c)
		fmt.Printf("fib(%d) = %d\n", n, <-c)
	}
	fmt.Println("sum(0, 10000) =", sum(0, 10000))
}
