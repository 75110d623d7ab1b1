// run

package main

import (
	"fmt"
	"sync"
)

func worker(id int, wg *sync.WaitGroup, out []int) {
	defer wg.Done()
	out[id] = id * id
}

type job struct {
	wg    sync.WaitGroup
	parts [8]int
}

func main() {
	// Wait on a zero counter returns at once.
	var wg sync.WaitGroup
	wg.Wait()
	fmt.Println("wait on zero: ok")

	// Add before go, Done deferred in the worker, a pointer passed along.
	out := make([]int, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go worker(i, &wg, out)
	}
	wg.Wait()
	fmt.Println("squares:", out)

	// The same WaitGroup reused for a second round, with one Add(n).
	wg.Add(5)
	for i := 0; i < 5; i++ {
		go func(i int) {
			out[i] = -i
			wg.Done()
		}(i)
	}
	wg.Wait()
	fmt.Println("second round:", out[:5])

	// A WaitGroup inside a struct, reached through a pointer.
	j := &job{}
	for i := range j.parts {
		j.wg.Add(1)
		go func(i int) {
			defer j.wg.Done()
			j.parts[i] = i + 100
		}(i)
	}
	j.wg.Wait()
	fmt.Println("struct field:", j.parts)

	// Nested: each worker waits for its own sub-workers.
	var outer sync.WaitGroup
	totals := make([]int, 4)
	for g := 0; g < 4; g++ {
		outer.Add(1)
		go func(g int) {
			defer outer.Done()
			var inner sync.WaitGroup
			parts := make([]int, 25)
			for k := 0; k < 25; k++ {
				inner.Add(1)
				go func(k int) {
					defer inner.Done()
					parts[k] = g*25 + k
				}(k)
			}
			inner.Wait()
			for _, p := range parts {
				totals[g] += p
			}
		}(g)
	}
	outer.Wait()
	fmt.Println("nested totals:", totals)

	// Several goroutines waiting on the same WaitGroup are all released.
	var gate sync.WaitGroup
	gate.Add(1)
	released := make(chan int)
	for i := 0; i < 5; i++ {
		go func(i int) {
			gate.Wait()
			released <- i
		}(i)
	}
	gate.Done()
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-released
	}
	fmt.Println("waiters released:", sum)

	// Add with a larger delta and negative deltas that keep it non-negative.
	var counter sync.WaitGroup
	counter.Add(10)
	counter.Add(-4)
	for i := 0; i < 6; i++ {
		go func() { counter.Done() }()
	}
	counter.Wait()
	fmt.Println("mixed deltas: ok")

	// A negative counter panics; the panic can be recovered.
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var bad sync.WaitGroup
		bad.Add(1)
		bad.Done()
		bad.Done()
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var bad sync.WaitGroup
		bad.Add(-1)
	}()
}
