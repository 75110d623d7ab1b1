package main

import "fmt"

// Defers inside a loop take the general (deferproc) path: 10,000,000 of them, in
// batches of 1,000 per call.

var total int

func add(i int) { total += i }

func batch(base int) {
	for i := 0; i < 1000; i++ {
		defer add(base + i)
	}
}

func main() {
	for b := 0; b < 10000; b++ {
		batch(b)
	}
	fmt.Println(total)
}
