// run

package main

import "fmt"

// An unbuffered send completes only when a receiver takes the value, so two
// goroutines can take strict turns and their output interleaves
// deterministically.

func main() {
	ping := make(chan int)
	pong := make(chan int)
	done := make(chan bool)
	go func() {
		for {
			v, ok := <-ping
			if !ok {
				fmt.Println("pong: ping closed")
				done <- true
				return
			}
			fmt.Println("pong got", v)
			pong <- v * 2
		}
	}()
	v := 1
	for i := 0; i < 5; i++ {
		fmt.Println("ping sends", v)
		ping <- v
		v = <-pong
		fmt.Println("ping got", v)
	}
	close(ping)
	<-done

	// A send on an unbuffered channel blocks until the receiver is ready:
	// the receiver's print always comes first.
	c := make(chan string)
	ready := make(chan bool)
	go func() {
		fmt.Println("receiver: about to receive")
		ready <- true
		fmt.Println("receiver got:", <-c)
		done <- true
	}()
	<-ready
	c <- "hello"
	<-done
	fmt.Println("sender: done")

	// A chain of goroutines passing a value along 1,000 unbuffered channels.
	first := make(chan int)
	in := first
	for i := 0; i < 1000; i++ {
		out := make(chan int)
		go func(in <-chan int, out chan<- int) {
			out <- <-in + 1
		}(in, out)
		in = out
	}
	first <- 0
	fmt.Println("through the chain:", <-in)
}
