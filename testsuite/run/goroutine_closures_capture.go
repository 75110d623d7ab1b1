// run

package main

import "fmt"

func counterPair() (func(), func() int) {
	n := 0
	return func() { n++ }, func() int { return n }
}

func main() {
	// A goroutine writes a captured variable; the channel receive orders the
	// write before main's read.
	done := make(chan bool)
	x := 0
	go func() {
		x = 42
		done <- true
	}()
	<-done
	fmt.Println("x after goroutine:", x)

	// Per-iteration copies (i := i) give each goroutine its own variable.
	out := make([]int, 8)
	for i := 0; i < 8; i++ {
		i := i
		go func() {
			out[i] = i * 10
			done <- true
		}()
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	fmt.Println("per-iteration copies:", out)

	// A goroutine running a closure returned by another function, sharing
	// state with the caller's other closure.
	inc, get := counterPair()
	for i := 0; i < 5; i++ {
		go func() {
			inc()
			done <- true
		}()
		<-done
	}
	fmt.Println("counter:", get())

	// Nested closures and goroutines: a goroutine starting goroutines that
	// capture variables of both enclosing functions.
	total := 0
	results := make(chan int)
	go func() {
		base := 100
		inner := make(chan int)
		for k := 1; k <= 3; k++ {
			go func(k int) {
				inner <- base*k + total
			}(k)
		}
		sum := 0
		for k := 1; k <= 3; k++ {
			sum += <-inner
		}
		results <- sum
	}()
	fmt.Println("nested sum:", <-results)

	// A closure that captures a channel and a slice header.
	words := []string{"alpha", "beta", "gamma"}
	lens := make(chan int, len(words))
	for _, w := range words {
		w := w
		go func() { lens <- len(w) }()
	}
	n := 0
	for range words {
		n += <-lens
	}
	fmt.Println("total length:", n)

	// Function values stored in a slice and started as goroutines.
	fs := []func(int) int{
		func(v int) int { return v + 1 },
		func(v int) int { return v * 2 },
		func(v int) int { return v * v },
	}
	res := make([]int, len(fs))
	for i, f := range fs {
		go func(i int, f func(int) int) {
			res[i] = f(7)
			done <- true
		}(i, f)
	}
	for range fs {
		<-done
	}
	fmt.Println("function values:", res)
}
