// run

package main

import (
	"fmt"
	"runtime"
	"sync"
)

var (
	mu      sync.Mutex
	counter int
)

func increment(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		mu.Lock()
		v := counter
		if i%10 == 0 {
			runtime.Gosched() // others try to lock meanwhile
		}
		counter = v + 1
		mu.Unlock()
	}
}

type account struct {
	mu      sync.Mutex
	balance int
	history []int
}

func deposit(a *account, amount int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += amount
	a.history = append(a.history, amount)
}

func withdraw(a *account, amount int) (ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.balance < amount {
		return false
	}
	a.balance -= amount
	return true
}

func main() {
	var wg sync.WaitGroup
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go increment(500, &wg)
	}
	wg.Wait()
	fmt.Println("counter:", counter)

	// A mutex in a struct, unlocked by defer on every return path.
	acct := &account{}
	var wg2 sync.WaitGroup
	for g := 0; g < 10; g++ {
		wg2.Add(1)
		go func(g int) {
			defer wg2.Done()
			for i := 0; i < 100; i++ {
				deposit(acct, g+1)
			}
		}(g)
	}
	wg2.Wait()
	fmt.Println("balance:", acct.balance, "deposits:", len(acct.history))
	failed := 0
	for i := 0; i < 60; i++ {
		if !withdraw(acct, 100) {
			failed++
		}
	}
	fmt.Println("after withdrawals:", acct.balance, "failed:", failed)

	// defer mu.Unlock() also runs when the critical section panics, so the
	// mutex is free afterwards.
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		mu.Lock()
		defer mu.Unlock()
		var s []int
		_ = s[3]
	}()
	mu.Lock()
	fmt.Println("locked again after the panic")
	mu.Unlock()

	// A mutex locked in one goroutine may be unlocked by another: used here
	// as a one-shot signal.
	var signal sync.Mutex
	signal.Lock()
	msg := ""
	go func() {
		msg = "set by the goroutine"
		signal.Unlock()
	}()
	signal.Lock()
	fmt.Println(msg)
	signal.Unlock()

	// An array of mutexes, one per slot, each ready to use as a zero value.
	var locks [4]sync.Mutex
	shared := [4]int{}
	var wg3 sync.WaitGroup
	for g := 0; g < 40; g++ {
		wg3.Add(1)
		go func(g int) {
			defer wg3.Done()
			k := g % 4
			locks[k].Lock()
			shared[k] += g
			locks[k].Unlock()
		}(g)
	}
	wg3.Wait()
	fmt.Println("per-lock sums:", shared)
}
