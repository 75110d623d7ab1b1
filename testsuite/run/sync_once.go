// run

package main

import (
	"fmt"
	"runtime"
	"sync"
)

var (
	once   sync.Once
	config []string
	calls  int
)

func load() {
	calls++
	config = append(config, "loaded")
}

type lazy struct {
	once  sync.Once
	value int
}

func get(l *lazy, v int) int {
	l.once.Do(func() { l.value = v })
	return l.value
}

func main() {
	// Many goroutines call Do at once: f runs exactly once, and every Do
	// returns only after f has finished.
	var wg sync.WaitGroup
	seen := make([]int, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			once.Do(load)
			seen[i] = len(config)
		}(i)
	}
	wg.Wait()
	all := true
	for _, n := range seen {
		if n != 1 {
			all = false
		}
	}
	fmt.Println("calls:", calls, "every caller saw the result:", all)

	// Do with a different function later does nothing.
	once.Do(func() { fmt.Println("not printed") })
	fmt.Println("calls after second Do:", calls)

	// Onces in struct fields; the first value wins.
	var a, b lazy
	fmt.Println(get(&a, 1), get(&a, 2), get(&b, 3), get(&a, 4), get(&b, 5))

	// Do inside Do on a different Once.
	var outer, inner sync.Once
	outer.Do(func() {
		inner.Do(func() { fmt.Println("inner runs inside outer") })
		fmt.Println("outer continues")
	})
	inner.Do(func() { fmt.Println("not printed") })

	// If f panics, Do considers it done: the panic propagates to the caller
	// and later calls of Do do not call f again.
	var fragile sync.Once
	tries := 0
	for i := 0; i < 3; i++ {
		func() {
			defer func() {
				if r := recover(); r != nil {
					fmt.Println("recovered:", r)
				}
			}()
			fragile.Do(func() {
				tries++
				panic("init failed")
			})
			fmt.Println("Do returned normally")
		}()
	}
	fmt.Println("tries:", tries)

	// A panic in a Do nested in another Do completes both.
	var o1, o2 sync.Once
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		o1.Do(func() {
			o2.Do(func() { panic("inner init failed") })
		})
	}()
	ran := false
	o1.Do(func() { ran = true })
	o2.Do(func() { ran = true })
	fmt.Println("either ran again:", ran)

	// A Goexit in f completes the Once too; the goroutine ends.
	var exiting sync.Once
	exited := make(chan bool)
	go func() {
		defer close(exited)
		exiting.Do(func() { runtime.Goexit() })
	}()
	<-exited
	exiting.Do(func() { fmt.Println("not printed") })
	fmt.Println("Once done after Goexit in f")

	// A goroutine waiting in Do while f runs in another goroutine.
	var slow sync.Once
	started := make(chan bool)
	release := make(chan bool)
	value := 0
	go func() {
		slow.Do(func() {
			started <- true
			<-release
			value = 42
		})
	}()
	<-started
	done := make(chan int)
	go func() {
		slow.Do(func() { value = -1 })
		done <- value
	}()
	release <- true
	fmt.Println("second caller saw:", <-done)
}
