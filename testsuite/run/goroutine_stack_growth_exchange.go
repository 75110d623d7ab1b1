// run

package main

import "fmt"

// Goroutines recurse to different depths and exchange values over channels
// at the bottom of their recursion, so stacks grow, park and move while
// values pass between them.

func chain(depth, id int, in <-chan int, out chan<- int) int {
	var frame [10]int
	a, b, c := depth*3, id*5, depth^id
	frame[depth%10] = a + b
	if depth == 0 {
		v := <-in
		out <- v + id
		return v + c
	}
	r := chain(depth-1, id, in, out)
	if frame[depth%10] != a+b || c != depth^id {
		panic("frame corrupted")
	}
	return r + frame[depth%10]%9 + c%4
}

func main() {
	const n = 300
	first := make(chan int, 1)
	in := first
	results := make(chan [2]int, n)
	for id := 0; id < n; id++ {
		out := make(chan int, 1)
		go func(id int, in <-chan int, out chan<- int) {
			depth := (id * 7919) % 3000
			results <- [2]int{id, chain(depth, id, in, out)}
		}(id, in, out)
		in = out
	}
	first <- 1
	last := <-in
	byID := make([]int, n)
	for i := 0; i < n; i++ {
		r := <-results
		byID[r[0]] = r[1]
	}
	total := 0
	for _, v := range byID {
		total += v
	}
	fmt.Println("value after the chain:", last)
	fmt.Println("total:", total)
	fmt.Println("samples:", byID[0], byID[1], byID[150], byID[299])
}
