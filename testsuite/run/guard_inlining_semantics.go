// run

// Functions whose first statement is an early return on their parameters are
// called directly, recursively, through function values, in go and defer
// statements and with arguments that have side effects: every call behaves
// as the call it is (the compiler may evaluate such a guard at the call site).
package main

import "fmt"

type node struct {
	val  int
	next *node
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func length(p *node) int {
	if p == nil {
		return 0
	}
	return 1 + length(p.next)
}

func clamp(x, lo, hi int) (int, bool) {
	if x >= lo && x <= hi {
		return x, false
	}
	if x < lo {
		return lo, true
	}
	return hi, true
}

func ackermann(m, n uint) uint {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

func wraps(a int8) int8 {
	if a > 100 {
		return a + a
	}
	return a
}

func half(f float64) float64 {
	if f < 1 {
		return -f * 0.5
	}
	return half(f / 2)
}

var calls int

func counted(n int) int {
	if n <= 0 {
		return 0
	}
	calls++
	return n
}

func next() int {
	calls += 100
	return -1
}

func noisy(n int) {
	if n == 0 {
		return
	}
	fmt.Println("noisy", n)
}

func main() {
	fmt.Println(fib(0), fib(1), fib(2), fib(20))
	var list *node
	for i := 0; i < 5; i++ {
		list = &node{i, list}
	}
	fmt.Println(length(nil), length(list))
	fmt.Println(clamp(5, 0, 10))
	fmt.Println(clamp(-5, 0, 10))
	fmt.Println(clamp(50, 0, 10))
	fmt.Println(ackermann(2, 3), ackermann(0, 7))
	fmt.Println(wraps(101), wraps(-128), wraps(7))
	fmt.Println(half(0.25), half(10))
	fmt.Println(counted(next()), calls)
	f := fib
	fmt.Println(f(10))
	defer noisy(0)
	defer noisy(2)
	done := make(chan bool)
	go func() {
		noisy(0)
		done <- true
	}()
	<-done
	x := 3
	fmt.Println(counted(x), counted(x-3), calls)
}
