package main

import "fmt"

// One open-coded defer per call, 50,000,000 calls.

var counter int

func inc() { counter++ }

//go:noinline
func work(i int) int {
	defer inc()
	return i & 7
}

func main() {
	s := 0
	for i := 0; i < 50000000; i++ {
		s += work(i)
	}
	fmt.Println(s, counter)
}
