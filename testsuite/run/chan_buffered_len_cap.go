// run

package main

import "fmt"

func main() {
	var nilc chan int
	unbuf := make(chan int)
	c := make(chan int, 3)
	fmt.Println("nil:", len(nilc), cap(nilc))
	fmt.Println("unbuffered:", len(unbuf), cap(unbuf))
	fmt.Println("empty:", len(c), cap(c))

	// A buffered channel accepts cap values without a receiver.
	c <- 10
	fmt.Println("after one send:", len(c), cap(c))
	c <- 20
	c <- 30
	fmt.Println("full:", len(c), cap(c))
	fmt.Println("first out:", <-c)
	fmt.Println("after one receive:", len(c))
	c <- 40
	// FIFO order, including after the ring buffer wrapped.
	for len(c) > 0 {
		fmt.Println("received", <-c)
	}

	// len and cap through directional channel types and a size from a variable.
	n := 5
	d := make(chan string, n)
	var send chan<- string = d
	var recv <-chan string = d
	send <- "a"
	send <- "b"
	fmt.Println("directional:", len(send), cap(send), len(recv), cap(recv))
	fmt.Println(<-recv + <-recv)

	// Closing keeps the buffered values; len counts them.
	e := make(chan int, 4)
	e <- 1
	e <- 2
	close(e)
	fmt.Println("closed with values:", len(e), cap(e))
	v, ok := <-e
	fmt.Println(v, ok, len(e))
	v, ok = <-e
	fmt.Println(v, ok, len(e))
	v, ok = <-e
	fmt.Println(v, ok, len(e))

	// A large buffer filled and drained by one goroutine.
	big := make(chan int, 10000)
	for i := 0; i < 10000; i++ {
		big <- i
	}
	sum := 0
	for i := 0; i < 10000; i++ {
		sum += <-big
	}
	fmt.Println("big buffer sum:", sum, len(big), cap(big))

	// Typed sizes of various integer types.
	var sz8 int8 = 2
	var szu uint = 3
	fmt.Println(cap(make(chan bool, sz8)), cap(make(chan bool, szu)))
}
