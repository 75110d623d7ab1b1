// run
// want-exit: 2

package main

import "fmt"

func send(c chan<- int, v int) {
	c <- v
}

func main() {
	c := make(chan int, 1)
	send(c, 1)
	close(c)
	fmt.Println("received", <-c)
	send(c, 2)
	fmt.Println("not reached")
}
