// run

package main

import (
	"fmt"
	"sync"
)

// Several producers share one buffered channel: values from different
// producers interleave arbitrarily, but each producer's values arrive in the
// order it sent them, and none is lost or duplicated.

type item struct {
	producer int
	seq      int
}

func main() {
	for _, capacity := range []int{0, 1, 7, 64} {
		c := make(chan item, capacity)
		var wg sync.WaitGroup
		const producers, per = 8, 500
		for p := 0; p < producers; p++ {
			wg.Add(1)
			go func(p int) {
				defer wg.Done()
				for s := 0; s < per; s++ {
					c <- item{p, s}
				}
			}(p)
		}
		go func() {
			wg.Wait()
			close(c)
		}()
		next := make([]int, producers)
		ordered := true
		count := 0
		for it := range c {
			if it.seq != next[it.producer] {
				ordered = false
			}
			next[it.producer]++
			count++
		}
		fmt.Println("capacity", capacity, "received", count, "in order per producer:", ordered)
	}

	// Several consumers share one channel: every value is received exactly
	// once.
	c := make(chan int, 16)
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := make([]int, 2000)
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				mu.Lock()
				seen[v]++
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < 2000; i++ {
		c <- i
	}
	close(c)
	wg.Wait()
	once := true
	for _, n := range seen {
		if n != 1 {
			once = false
		}
	}
	fmt.Println("each value received exactly once:", once)
}
