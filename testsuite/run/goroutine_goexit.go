// run

package main

import (
	"fmt"
	"runtime"
	"sync"
)

func leaf(log chan<- string, depth int) {
	defer func() { log <- fmt.Sprint("leaf defer at depth ", depth) }()
	if depth == 0 {
		runtime.Goexit()
	}
	leaf(log, depth-1)
	log <- "not reached: after leaf"
}

func main() {
	// Goexit runs every pending deferred call of the goroutine, newest first,
	// then ends the goroutine; recover returns nil during a Goexit.
	log := make(chan string, 100)
	done := make(chan bool)
	go func() {
		defer close(done)
		defer func() { log <- fmt.Sprint("recover during Goexit: ", recover()) }()
		defer func() { log <- "outer defer" }()
		leaf(log, 3)
		log <- "not reached: after leaf call"
	}()
	<-done
	close(log)
	for s := range log {
		fmt.Println(s)
	}

	// Goexit with WaitGroup: defer wg.Done() still runs.
	var wg sync.WaitGroup
	exited := make([]bool, 10)
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { exited[i] = true }()
			if i%2 == 0 {
				runtime.Goexit()
			}
		}(i)
	}
	wg.Wait()
	fmt.Println("all done:", exited)

	// A panic that is recovered, then a Goexit in the same goroutine.
	res := make(chan string)
	go func() {
		defer func() { res <- "after recover, Goexit ran the last defer" }()
		func() {
			defer func() { recover() }()
			panic("first")
		}()
		runtime.Goexit()
	}()
	fmt.Println(<-res)

	// Goexit inside a deferred call during a panic stops the panic: the
	// goroutine ends without crashing the program.
	go func() {
		defer func() { res <- "outer defer ran" }()
		defer runtime.Goexit()
		panic("cancelled by Goexit")
	}()
	fmt.Println(<-res)
	fmt.Println("main done")
}
