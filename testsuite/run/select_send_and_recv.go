// run

package main

import "fmt"

func main() {
	// Exactly one case can proceed each time, so the choice is deterministic.
	in := make(chan int, 1)
	out := make(chan int, 1)
	in <- 1
	out <- 0 // full: its send case cannot proceed
	for i := 0; i < 6; i++ {
		select {
		case v := <-in:
			fmt.Println("received", v)
			in <- v * 2
		case out <- 100:
			fmt.Println("impossible while out is full")
		}
	}
	fmt.Println("left in in:", <-in, "left in out:", <-out)
	for i := 0; i < 3; i++ {
		select {
		case v := <-in:
			fmt.Println("impossible while in is empty", v)
		case out <- i:
			fmt.Println("sent", <-out)
		}
	}

	// A select in a loop in each of two goroutines: the sender alternates
	// between two channels, the receiver takes whichever is ready.
	c1 := make(chan int)
	c2 := make(chan int)
	quit := make(chan bool)
	done := make(chan [2]int)
	go func() {
		var got [2]int
		for {
			select {
			case v := <-c1:
				got[0] += v
			case v := <-c2:
				got[1] += v
			case <-quit:
				done <- got
				return
			}
		}
	}()
	for i := 1; i <= 100; i++ {
		if i%2 == 0 {
			c1 <- i
		} else {
			c2 <- i
		}
	}
	quit <- true
	fmt.Println("even sum, odd sum:", <-done)

	// A send case and a receive case on the same unbuffered channel in one
	// select: two goroutines running the same select pair up.
	same := make(chan int)
	results := make(chan string, 2)
	for g := 0; g < 2; g++ {
		go func(g int) {
			select {
			case same <- g:
				results <- "sent"
			case v := <-same:
				results <- fmt.Sprint("received ", 1-v == g)
			}
		}(g)
	}
	r1, r2 := <-results, <-results
	if r1 > r2 {
		r1, r2 = r2, r1
	}
	fmt.Println(r1, "/", r2)

	// A blocking select with a single case behaves like the plain operation.
	one := make(chan string)
	go func() { one <- "single case" }()
	select {
	case s := <-one:
		fmt.Println(s)
	}
	go func() { fmt.Println("got", <-one); results <- "" }()
	select {
	case one <- "single send case":
	}
	<-results

	// Assigning the received value to existing variables and an element.
	vals := make(chan int, 3)
	vals <- 5
	vals <- 6
	vals <- 7
	var x int
	var ok bool
	arr := []int{0, 0}
	select {
	case x, ok = <-vals:
	}
	fmt.Println(x, ok)
	select {
	case arr[1] = <-vals:
	}
	select {
	case <-vals:
	}
	close(vals)
	select {
	case x, ok = <-vals:
	}
	fmt.Println(arr, x, ok, len(vals))
}
