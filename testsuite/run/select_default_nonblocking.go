// run

package main

import (
	"fmt"
	"runtime"
)

func trySend(c chan int, v int) bool {
	select {
	case c <- v:
		return true
	default:
		return false
	}
}

func tryRecv(c chan int) (int, bool) {
	select {
	case v := <-c:
		return v, true
	default:
		return -1, false
	}
}

func main() {
	c := make(chan int, 2)
	fmt.Println(tryRecv(c))
	fmt.Println(trySend(c, 1), trySend(c, 2), trySend(c, 3))
	fmt.Println(tryRecv(c))
	fmt.Println(tryRecv(c))
	fmt.Println(tryRecv(c))

	// On an unbuffered channel with nobody waiting, both directions fall
	// through to default.
	u := make(chan int)
	fmt.Println(trySend(u, 1))
	fmt.Println(tryRecv(u))

	// A nil channel is never ready.
	var nilc chan int
	fmt.Println(trySend(nilc, 1))
	fmt.Println(tryRecv(nilc))

	// A closed channel is always ready for receiving.
	closed := make(chan int)
	close(closed)
	fmt.Println(tryRecv(closed))

	// select with only a default, and an empty default.
	n := 0
	select {
	default:
		n++
	}
	select {
	default:
	}
	fmt.Println("default only:", n)

	// A non-blocking receive succeeds once a blocked sender is waiting: poll
	// with a default, yielding to the sender in between.
	go func() {
		u <- 42
	}()
	for {
		v, ok := tryRecv(u)
		if ok {
			fmt.Println("polled value:", v)
			break
		}
		runtime.Gosched()
	}

	// Drain a buffered channel without blocking.
	d := make(chan string, 5)
	d <- "a"
	d <- "b"
	d <- "c"
	var got []string
loop:
	for {
		select {
		case s := <-d:
			got = append(got, s)
		default:
			break loop
		}
	}
	fmt.Println("drained:", got)
}
