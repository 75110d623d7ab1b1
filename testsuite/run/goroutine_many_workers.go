// run

package main

import (
	"fmt"
	"sync"
)

func collatz(n int) int {
	steps := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func main() {
	// 10,000 goroutines, each writing its own slot.
	const n = 10000
	steps := make([]int, n+1)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 1; i <= n; i++ {
		go func(i int) {
			defer wg.Done()
			steps[i] = collatz(i)
		}(i)
	}
	wg.Wait()
	best := 1
	for i := 1; i <= n; i++ {
		if steps[i] > steps[best] {
			best = i
		}
	}
	fmt.Println("longest chain below", n+1, "starts at", best, "with", steps[best], "steps")

	// A fixed pool of workers reading jobs from one channel and writing
	// results to another.
	jobs := make(chan int, 100)
	results := make(chan [2]int, 100)
	var pool sync.WaitGroup
	for w := 0; w < 8; w++ {
		pool.Add(1)
		go func() {
			defer pool.Done()
			for j := range jobs {
				results <- [2]int{j, j * j}
			}
		}()
	}
	go func() {
		for j := 0; j < 1000; j++ {
			jobs <- j
		}
		close(jobs)
	}()
	go func() {
		pool.Wait()
		close(results)
	}()
	squares := make([]int, 1000)
	count := 0
	for r := range results {
		squares[r[0]] = r[1]
		count++
	}
	total := 0
	for _, s := range squares {
		total += s
	}
	fmt.Println("results:", count, "sum of squares:", total, "squares[999] =", squares[999])
}
