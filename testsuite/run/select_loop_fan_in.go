// run

package main

import (
	"fmt"
	"sync"
)

// Several producers, one consumer selecting over their channels and a quit
// channel. Which case runs first is random, so only totals are printed.

func producer(id, n int, out chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 1; i <= n; i++ {
		out <- id*1000 + i
	}
}

func main() {
	const producers = 4
	chans := make([]chan int, producers)
	var wg sync.WaitGroup
	for i := range chans {
		chans[i] = make(chan int, i) // capacities 0..3
		wg.Add(1)
		go producer(i, 250, chans[i], &wg)
	}
	quit := make(chan bool)
	go func() {
		wg.Wait()
		close(quit)
	}()

	var counts [producers]int
	var sums [producers]int
	var lastSeen [producers]int
	inOrder := true
	record := func(id, v int) {
		counts[id]++
		sums[id] += v
		if v <= lastSeen[id] {
			inOrder = false
		}
		lastSeen[id] = v
	}
	running := true
	for running {
		select {
		case v := <-chans[0]:
			record(0, v)
		case v := <-chans[1]:
			record(1, v)
		case v := <-chans[2]:
			record(2, v)
		case v := <-chans[3]:
			record(3, v)
		case <-quit:
			running = false
		}
	}
	// quit closes after every send completed, but a buffered channel may still
	// hold values: drain them.
	for id, c := range chans {
		for len(c) > 0 {
			record(id, <-c)
		}
	}
	fmt.Println("counts:", counts)
	fmt.Println("sums:", sums)
	fmt.Println("each producer's values arrived in order:", inOrder)
}
