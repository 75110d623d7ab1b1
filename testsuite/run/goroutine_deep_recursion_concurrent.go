// run

package main

import (
	"fmt"
	"sync"
)

// Many goroutines recursing deeply at the same time: every stack starts small
// and grows by copying, while the other goroutines run and grow theirs. Each
// frame keeps several locals and an array that must survive every move.

type frame struct {
	depth int
	tag   int
	data  [6]int
}

func dive(id, depth int, acc *int) int {
	var local [8]int
	for i := range local {
		local[i] = id*31 + depth*7 + i
	}
	f := frame{depth: depth, tag: id}
	f.data[depth%6] = depth
	mine := depth*3 + id
	if depth == 0 {
		*acc += local[7]
		return mine + f.tag
	}
	r := dive(id, depth-1, acc)
	// Everything read after the (possibly moving) recursive call.
	if local[3] != id*31+depth*7+3 || f.depth != depth || f.data[depth%6] != depth || mine != depth*3+id {
		panic("local corrupted")
	}
	*acc += local[depth%8] % 5
	return r + mine%11
}

func main() {
	const workers = 32
	var wg sync.WaitGroup
	results := make([]int, workers)
	accs := make([]int, workers)
	for id := 0; id < workers; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			depth := 1000 + (id*7919)%8000
			results[id] = dive(id, depth, &accs[id])
		}(id)
	}
	wg.Wait()
	total := 0
	for id := 0; id < workers; id++ {
		total += results[id] + accs[id]
		if id%4 == 0 {
			fmt.Println("worker", id, "result", results[id], "acc", accs[id])
		}
	}
	fmt.Println("total", total)

	// Goroutines that grow, then block on a channel with deep stacks, then
	// resume: the parked stacks must be intact.
	in := make(chan int)
	out := make(chan int)
	for id := 0; id < 16; id++ {
		go func(id int) {
			var rec func(d int) int
			rec = func(d int) int {
				var pad [16]int
				pad[d%16] = d
				if d == 0 {
					v := <-in // parked 5000 frames deep
					return v + pad[0]
				}
				return rec(d-1) + pad[d%16]%3
			}
			out <- rec(5000)
		}(id)
	}
	sum := 0
	for i := 0; i < 16; i++ {
		in <- i
	}
	for i := 0; i < 16; i++ {
		sum += <-out
	}
	fmt.Println("parked deep stacks:", sum)
}
