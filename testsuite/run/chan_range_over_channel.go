// run

package main

import "fmt"

func produce(n int) <-chan int {
	c := make(chan int)
	go func() {
		defer close(c)
		for i := 0; i < n; i++ {
			c <- i
		}
	}()
	return c
}

func main() {
	// range receives until the channel is closed and drained.
	sum := 0
	for v := range produce(100) {
		sum += v
	}
	fmt.Println("sum:", sum)

	// range over a buffered channel closed before the loop.
	c := make(chan string, 3)
	c <- "x"
	c <- "y"
	c <- "z"
	close(c)
	for s := range c {
		fmt.Println("got", s)
	}

	// range with no iteration variable.
	n := 0
	for range produce(7) {
		n++
	}
	fmt.Println("count:", n)

	// break and continue inside range over a channel; the producer is left
	// blocked, which is fine.
	for v := range produce(1000) {
		if v%2 == 0 {
			continue
		}
		if v > 10 {
			break
		}
		fmt.Println("odd", v)
	}

	// range assigning to an existing variable.
	var last int
	for last = range produce(5) {
	}
	fmt.Println("last:", last)

	// Nested ranges over channels of channels.
	outer := make(chan chan int)
	go func() {
		for i := 1; i <= 3; i++ {
			inner := make(chan int)
			outer <- inner
			for j := 0; j < i; j++ {
				inner <- i*10 + j
			}
			close(inner)
		}
		close(outer)
	}()
	for inner := range outer {
		for v := range inner {
			fmt.Print(v, " ")
		}
		fmt.Println()
	}

	// A closure in the loop body capturing the range variable (Go 1.19: one
	// variable for the whole loop), called within the iteration.
	var fs []func() int
	for v := range produce(3) {
		f := func() int { return v * 100 }
		fmt.Println("closure now:", f())
		fs = append(fs, f)
	}
	for _, f := range fs {
		fmt.Println("closure later:", f())
	}
}
