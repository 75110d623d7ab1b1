// run

package main

import (
	"fmt"
	"sync"
)

// The usual shapes: a worker with defer wg.Done(), a critical section with
// defer mu.Unlock() and several return paths, a panic in a worker recovered
// by a deferred function that still calls Done.

type store struct {
	mu    sync.Mutex
	items []int
	max   int
}

func add(s *store, v int) (added bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v < 0 {
		return false
	}
	if len(s.items) >= s.max {
		return false
	}
	s.items = append(s.items, v)
	return true
}

func size(s *store) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

func main() {
	s := &store{max: 150}
	var wg sync.WaitGroup
	var statsMu sync.Mutex
	accepted, rejected := 0, 0
	for g := 0; g < 10; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				v := g*20 + i
				if i%5 == 0 {
					v = -v - 1
				}
				ok := add(s, v)
				statsMu.Lock()
				if ok {
					accepted++
				} else {
					rejected++
				}
				statsMu.Unlock()
			}
		}(g)
	}
	wg.Wait()
	fmt.Println("accepted", accepted, "rejected", rejected, "size", size(s))

	// Workers that panic: the deferred function recovers and Done runs.
	var wg2 sync.WaitGroup
	var errMu sync.Mutex
	var errs []string
	for g := 0; g < 6; g++ {
		wg2.Add(1)
		go func(g int) {
			defer wg2.Done()
			defer func() {
				if r := recover(); r != nil {
					errMu.Lock()
					defer errMu.Unlock()
					errs = append(errs, fmt.Sprint(r))
				}
			}()
			if g%2 == 1 {
				panic(fmt.Sprintf("worker %d failed", g))
			}
		}(g)
	}
	wg2.Wait()
	// Sort the messages (their order depends on scheduling).
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j] < errs[j-1]; j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
	fmt.Println(len(errs), "errors:", errs)
}
