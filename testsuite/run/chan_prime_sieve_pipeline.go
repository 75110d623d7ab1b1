// run

package main

import "fmt"

// The concurrent prime sieve: a chain of filter goroutines, one per prime
// found, each connected to the next by an unbuffered channel.

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

// A three-stage pipeline that ends by closing its channels.
func numbers(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func square(in <-chan int) <-chan int {
	out := make(chan int, 4)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func total(in <-chan int) int {
	s := 0
	for v := range in {
		s += v
	}
	return s
}

func main() {
	ch := make(chan int)
	go generate(ch)
	var primes []int
	for i := 0; i < 200; i++ {
		prime := <-ch
		primes = append(primes, prime)
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	fmt.Println("first primes:", primes[:20])
	fmt.Println("200th prime:", primes[199])

	fmt.Println("sum of squares 1..1000:", total(square(numbers(1000))))
	fmt.Println("squares of squares 1..10:", total(square(square(numbers(10)))))
}
