// run

package main

import (
	"errors"
	"fmt"
)

type big struct {
	name  string
	vals  [32]int
	inner struct{ x, y int8 }
	tags  []string
}

type celsius float64

func main() {
	done := make(chan bool)

	// Large structs and arrays are copied into and out of the channel; the
	// sender's later writes do not affect the received copy.
	bc := make(chan big, 1)
	var b big
	b.name = "first"
	for i := range b.vals {
		b.vals[i] = i * i
	}
	b.inner.x, b.inner.y = -3, 4
	b.tags = []string{"a", "b"}
	bc <- b
	b.name = "changed"
	b.vals[31] = -1
	got := <-bc
	fmt.Println(got.name, got.vals[31], got.inner, got.tags)

	ac := make(chan [100]int)
	go func() {
		var a [100]int
		for i := range a {
			a[i] = i
		}
		ac <- a
		a[0] = 1000
		ac <- a
	}()
	a1 := <-ac
	a2 := <-ac
	fmt.Println(a1[0], a1[99], a2[0], a2[99])

	// Small and odd-sized element types.
	i8 := make(chan int8, 2)
	i8 <- -128
	i8 <- 127
	fmt.Println(<-i8, <-i8)
	u64 := make(chan uint64, 1)
	u64 <- 1<<64 - 1
	fmt.Println(<-u64)
	bools := make(chan bool, 2)
	bools <- true
	bools <- false
	fmt.Println(<-bools, <-bools)
	runes := make(chan rune, 1)
	runes <- 'λ'
	fmt.Println(string(<-runes))
	temps := make(chan celsius, 1)
	temps <- 36.6
	fmt.Println(<-temps)
	empty := make(chan struct{})
	go func() { empty <- struct{}{} }()
	fmt.Println(<-empty)
	pairs := make(chan [2]string, 1)
	pairs <- [2]string{"left", "right"}
	fmt.Println(<-pairs)

	// Strings, slices, pointers, interfaces, errors, functions, channels.
	strs := make(chan string)
	go func() { strs <- "hello, " + "channel" }()
	fmt.Println(<-strs)

	slices := make(chan []int, 1)
	s := []int{1, 2, 3}
	slices <- s
	s[0] = 100 // shares the backing array
	fmt.Println(<-slices)

	ptrs := make(chan *big, 1)
	ptrs <- &b
	fmt.Println((<-ptrs).name)

	anys := make(chan interface{}, 4)
	anys <- 42
	anys <- "str"
	anys <- 2.5
	anys <- nil
	for i := 0; i < 4; i++ {
		v := <-anys
		if n, ok := v.(int); ok {
			fmt.Println("int", n)
		} else if s, ok := v.(string); ok {
			fmt.Println("string", s)
		} else {
			fmt.Println("other", v)
		}
	}

	errs := make(chan error, 2)
	errs <- errors.New("first failure")
	errs <- fmt.Errorf("wrapped: %d", 7)
	fmt.Println(<-errs, "/", <-errs)

	funcs := make(chan func(int) int, 1)
	k := 3
	funcs <- func(v int) int { return v * k }
	k = 5
	fmt.Println((<-funcs)(10))

	reqs := make(chan chan string)
	go func() {
		reply := <-reqs
		reply <- "reply through a channel received from a channel"
		done <- true
	}()
	reply := make(chan string)
	reqs <- reply
	fmt.Println(<-reply)
	<-done
}
