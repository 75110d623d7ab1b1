// run

package main

import "fmt"

func main() {
	// A send case on a closed channel panics when it is chosen.
	closed := make(chan int)
	close(closed)
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var never chan int
		select {
		case closed <- 1:
			fmt.Println("not reached")
		case <-never:
		}
	}()

	// A receive case on a closed channel is always ready; ok reports it.
	select {
	case v, ok := <-closed:
		fmt.Println("closed receive:", v, ok)
	}

	// break inside a select leaves only the select.
	c := make(chan int, 10)
	for i := 0; i < 10; i++ {
		c <- i
	}
	seen := 0
	for i := 0; i < 10; i++ {
		select {
		case v := <-c:
			if v%2 == 1 {
				break
			}
			seen++
		}
	}
	fmt.Println("even values seen:", seen)

	// A labeled break leaves the enclosing loop; continue works too.
	for i := 0; i < 5; i++ {
		c <- i
	}
	close(c)
	sum := 0
outer:
	for {
		select {
		case v, ok := <-c:
			if !ok {
				break outer
			}
			if v == 2 {
				continue outer
			}
			sum += v
		}
	}
	fmt.Println("sum without 2:", sum)

	// return from inside a select case, and defers running on that path.
	first := func(a, b chan string) (s string) {
		defer func() { s = "[" + s + "]" }()
		for {
			select {
			case v := <-a:
				return "a:" + v
			case v := <-b:
				return "b:" + v
			}
		}
	}
	x := make(chan string, 1)
	y := make(chan string)
	x <- "hello"
	fmt.Println(first(x, y))

	// A goroutine blocked in select is woken by a close.
	quit := make(chan bool)
	data := make(chan int)
	res := make(chan string)
	go func() {
		n := 0
		for {
			select {
			case v := <-data:
				n += v
			case <-quit:
				res <- fmt.Sprint("quit after ", n)
				return
			}
		}
	}()
	for i := 1; i <= 3; i++ {
		data <- i
	}
	close(quit)
	fmt.Println(<-res)
}
