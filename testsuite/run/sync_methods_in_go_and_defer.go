// run

package main

import (
	"fmt"
	"sync"
)

// Methods of the sync types used directly in go and defer statements and as
// method values: the receiver (a pointer to the variable) is evaluated at the
// go or defer statement.

var (
	mu   sync.Mutex
	once sync.Once
	n    int
)

func locked() int {
	mu.Lock()
	defer mu.Unlock()
	n++
	return n
}

func main() {
	var wg sync.WaitGroup
	wg.Add(3)
	go wg.Done()
	go wg.Done()
	go wg.Done()
	wg.Wait()
	fmt.Println("go wg.Done(): ok")

	fmt.Println(locked(), locked())

	// go once.Do(f): f is evaluated at the go statement.
	res := make(chan string, 2)
	f := func() { res <- "first f" }
	wg.Add(1)
	go func() {
		defer wg.Done()
		once.Do(f)
	}()
	wg.Wait()
	f = func() { res <- "second f" }
	go once.Do(f)
	defer once.Do(func() { fmt.Println("not printed") })
	fmt.Println(<-res, len(res))

	// Method values bind the receiver.
	var wg2 sync.WaitGroup
	done := wg2.Done
	wg2.Add(2)
	go done()
	go done()
	wg2.Wait()
	lock, unlock := mu.Lock, mu.Unlock
	lock()
	n = 100
	unlock()
	fmt.Println("method values:", locked())

	// go mu.Unlock(): unlocked by another goroutine.
	mu.Lock()
	go mu.Unlock()
	mu.Lock()
	fmt.Println("unlocked by a goroutine")
	mu.Unlock()
}
