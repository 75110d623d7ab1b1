// run

package main

import "fmt"

// Goroutines block in select statements deep in recursion, with large
// frames, while their stacks have to grow; the select's cases and the
// received values must survive every stack move.

type msg struct {
	id    int
	depth int
	pad   [12]int
}

func descend(id, depth int, req chan msg, reply chan int, stop chan bool) int {
	var local [24]int
	local[depth%24] = depth + id
	if depth > 0 {
		r := descend(id, depth-1, req, reply, stop)
		return r + local[depth%24] - depth - id
	}
	m := msg{id: id, depth: depth}
	m.pad[11] = id * 3
	sum := 0
	for i := 0; i < 3; i++ {
		select {
		case req <- m:
			sum += <-reply
		case <-stop:
			return -1
		}
	}
	return sum + local[0]
}

func main() {
	const workers = 40
	req := make(chan msg)
	reply := make(chan int)
	stop := make(chan bool)
	results := make(chan int)
	for id := 0; id < workers; id++ {
		go func(id int) {
			results <- descend(id, 500+id*50, req, reply, stop)
		}(id)
	}
	served := 0
	for served < workers*3 {
		m := <-req
		reply <- m.id*100 + m.pad[11]
		served++
	}
	total := 0
	for i := 0; i < workers; i++ {
		total += <-results
	}
	fmt.Println("served", served, "total", total)
}
