// run

package main

import "fmt"

type source <-chan int
type sink chan<- int

func counter(out chan<- int, n int) {
	for i := 0; i < n; i++ {
		out <- i
	}
	close(out)
}

func doubler(in <-chan int, out chan<- int) {
	for v := range in {
		out <- 2 * v
	}
	close(out)
}

func makeSource(n int) source {
	c := make(chan int)
	go counter(c, n)
	return c
}

func drain(s source) int {
	t := 0
	for v := range s {
		t += v
	}
	return t
}

func main() {
	c1 := make(chan int)
	c2 := make(chan int)
	go counter(c1, 10)
	go doubler(c1, c2)
	total := 0
	for v := range c2 {
		total += v
	}
	fmt.Println("doubled total:", total)

	fmt.Println("named directional types:", drain(makeSource(5)))

	// A bidirectional channel converts implicitly to both directions, and to
	// named directional types.
	c := make(chan int, 2)
	var s sink = c
	var r source = c
	s <- 7
	fmt.Println(<-r, len(s), cap(r))

	// Directional channels compare equal to the bidirectional one.
	var ro <-chan int = c
	var so chan<- int = c
	fmt.Println(ro == c, so == c, c == ro)

	// Slices of receive-only channels.
	var inputs []<-chan int
	for i := 1; i <= 3; i++ {
		ch := make(chan int, 1)
		ch <- i * 11
		inputs = append(inputs, ch)
	}
	for _, in := range inputs {
		fmt.Print(<-in, " ")
	}
	fmt.Println()

	// A function returning a send-only channel that a goroutine drains.
	results := make(chan int)
	in := func() chan<- int {
		c := make(chan int)
		go func() {
			s := 0
			for v := range c {
				s += v
			}
			results <- s
		}()
		return c
	}()
	for i := 1; i <= 100; i++ {
		in <- i
	}
	close(in)
	fmt.Println("sum through send-only channel:", <-results)
}
