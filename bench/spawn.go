package main

import "fmt"

// 100,000 goroutines, each recursing 200 calls deep (its stack grows past the
// initial size) and then sending its result on a channel; main sums them. A
// separate goroutine starts them, so main receives while they are being started.

const (
	goroutines = 100000
	depth      = 200
)

func rec(d, acc int) int {
	if d == 0 {
		return acc
	}
	var pad [4]int
	pad[d%4] = d
	return rec(d-1, acc+pad[d%4]%7) + 1
}

func main() {
	results := make(chan int, 128)
	go func() {
		for i := 0; i < goroutines; i++ {
			go func(i int) {
				results <- rec(depth, i)
			}(i)
		}
	}()
	sum := 0
	for i := 0; i < goroutines; i++ {
		sum += <-results
	}
	fmt.Println("goroutines", goroutines, "sum", sum)
}
