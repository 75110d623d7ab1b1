// run

package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if e, ok := r.(error); ok {
			fmt.Printf("%s: panic %q (an error)\n", name, e.Error())
			return
		}
		fmt.Printf("%s: recovered %v\n", name, r)
	}()
	f()
	fmt.Println(name + ": no panic")
}

func main() {
	closed := make(chan int, 1)
	close(closed)
	var nilc chan int

	try("send on closed channel", func() { closed <- 1 })
	try("close of closed channel", func() { close(closed) })
	try("close of nil channel", func() { close(nilc) })
	try("receive from closed channel", func() { <-closed })
	n := -1
	try("makechan with negative size", func() { _ = make(chan int, n) })

	// A buffered channel with room still panics on send once closed.
	room := make(chan string, 10)
	room <- "kept"
	close(room)
	try("send on closed buffered channel", func() { room <- "lost" })
	fmt.Println("the buffered value survives:", <-room, len(room))

	// The panic happens in a goroutine, which recovers and reports.
	res := make(chan string)
	c := make(chan int)
	close(c)
	go func() {
		defer func() { res <- fmt.Sprint("goroutine recovered: ", recover()) }()
		c <- 1
	}()
	fmt.Println(<-res)
}
