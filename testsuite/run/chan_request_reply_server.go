// run

package main

import "fmt"

// A server goroutine owns its state; clients send requests that carry their
// own reply channel.

type request struct {
	op    string
	key   int
	value int
	reply chan response
}

type response struct {
	value int
	ok    bool
}

func server(reqs <-chan request) {
	store := make([]int, 16)
	present := make([]bool, 16)
	for req := range reqs {
		switch req.op {
		case "put":
			store[req.key] = req.value
			present[req.key] = true
			req.reply <- response{req.value, true}
		case "get":
			req.reply <- response{store[req.key], present[req.key]}
		case "add":
			store[req.key] += req.value
			present[req.key] = true
			req.reply <- response{store[req.key], true}
		}
	}
}

func call(reqs chan<- request, op string, key, value int) response {
	reply := make(chan response)
	reqs <- request{op, key, value, reply}
	return <-reply
}

func main() {
	reqs := make(chan request)
	go server(reqs)
	fmt.Println(call(reqs, "put", 3, 30))
	fmt.Println(call(reqs, "get", 3, 0))
	fmt.Println(call(reqs, "get", 4, 0))

	// Many clients at once; each adds its id to four keys.
	done := make(chan bool)
	for cl := 1; cl <= 50; cl++ {
		go func(cl int) {
			for k := 0; k < 4; k++ {
				call(reqs, "add", k, cl)
			}
			done <- true
		}(cl)
	}
	for cl := 1; cl <= 50; cl++ {
		<-done
	}
	for k := 0; k < 4; k++ {
		fmt.Println("key", k, call(reqs, "get", k, 0))
	}
	close(reqs)

	// Futures: a function returns a channel that will carry its result.
	future := func(n int) <-chan int {
		c := make(chan int, 1)
		go func() {
			f := 1
			for i := 2; i <= n; i++ {
				f *= i
			}
			c <- f
		}()
		return c
	}
	f10, f12, f5 := future(10), future(12), future(5)
	fmt.Println(<-f5, <-f10, <-f12)
}
