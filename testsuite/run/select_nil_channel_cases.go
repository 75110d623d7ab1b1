// run

package main

import "fmt"

func produce(tag string, n int) chan string {
	c := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			c <- fmt.Sprint(tag, i)
		}
		close(c)
	}()
	return c
}

func main() {
	// Merge two channels until both are closed, disabling each case by
	// setting its channel to nil once it is closed.
	a := produce("a", 5)
	b := produce("b", 3)
	countA, countB, closes := 0, 0, 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				closes++
				continue
			}
			countA++
			_ = v
		case v, ok := <-b:
			if !ok {
				b = nil
				closes++
				continue
			}
			countB++
			_ = v
		}
	}
	fmt.Println("merged", countA, countB, "closes seen:", closes)

	// A nil channel in a send case is never chosen either.
	var nilSend chan int
	ready := make(chan int, 1)
	for i := 0; i < 100; i++ {
		select {
		case nilSend <- i:
			fmt.Println("impossible send")
		case ready <- i:
		}
		<-ready
	}
	fmt.Println("nil send case never chosen")

	// With every channel nil, only the default can run.
	var x, y chan int
	select {
	case <-x:
		fmt.Println("impossible")
	case y <- 1:
		fmt.Println("impossible")
	default:
		fmt.Println("all nil: default")
	}

	// Turning a send case on and off: send values only while there is
	// something pending, receive acknowledgements from a worker.
	work := make(chan int)
	acks := make(chan int)
	go func() {
		for v := range work {
			acks <- v * v
		}
		close(acks)
	}()
	pending := []int{1, 2, 3, 4, 5}
	sum, received := 0, 0
	for received < 5 {
		var out chan int
		next := 0
		if len(pending) > 0 {
			out = work
			next = pending[0]
		}
		select {
		case out <- next:
			pending = pending[1:]
		case v := <-acks:
			sum += v
			received++
		}
	}
	close(work)
	_, ok := <-acks
	fmt.Println("sum of squares", sum, "acks closed:", !ok)
}
