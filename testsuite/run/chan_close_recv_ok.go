// run

package main

import "fmt"

type pair struct {
	a int
	b string
}

func main() {
	// A receive from a closed, drained channel returns the zero value and false.
	ints := make(chan int, 2)
	ints <- 5
	close(ints)
	x, ok := <-ints
	fmt.Println("buffered value:", x, ok)
	x, ok = <-ints
	fmt.Println("then zero:", x, ok)
	fmt.Println("plain receive:", <-ints)

	strs := make(chan string)
	close(strs)
	s, ok := <-strs
	fmt.Printf("string: %q %v\n", s, ok)

	pairs := make(chan pair)
	close(pairs)
	p, ok := <-pairs
	fmt.Printf("struct: %+v %v\n", p, ok)

	arrs := make(chan [4]int)
	close(arrs)
	a, ok := <-arrs
	fmt.Println("array:", a, ok)

	ptrs := make(chan *pair)
	close(ptrs)
	pp, ok := <-ptrs
	fmt.Println("pointer:", pp == nil, ok)

	slices := make(chan []int)
	close(slices)
	sl, ok := <-slices
	fmt.Println("slice:", sl == nil, len(sl), ok)

	ifaces := make(chan interface{})
	close(ifaces)
	iv, ok := <-ifaces
	fmt.Println("interface:", iv, ok)

	errs := make(chan error)
	close(errs)
	ev, ok := <-errs
	fmt.Println("error:", ev, ok)

	chans := make(chan chan int)
	close(chans)
	cv, ok := <-chans
	fmt.Println("channel:", cv == nil, ok)

	funcs := make(chan func() int)
	close(funcs)
	fv, ok := <-funcs
	fmt.Println("func:", fv == nil, ok)

	floats := make(chan float64)
	close(floats)
	fl, ok := <-floats
	fmt.Println("float64:", fl, ok)

	// Closing wakes every blocked receiver; each sees the zero value.
	c := make(chan int)
	results := make(chan bool)
	for i := 0; i < 50; i++ {
		go func() {
			v, ok := <-c
			results <- v == 0 && !ok
		}()
	}
	close(c)
	all := true
	for i := 0; i < 50; i++ {
		all = <-results && all
	}
	fmt.Println("all 50 receivers woke with (0, false):", all)

	// The closed state is observed through ok in a loop.
	d := make(chan int, 10)
	go func() {
		for i := 1; i <= 5; i++ {
			d <- i * i
		}
		close(d)
	}()
	total := 0
	for {
		v, ok := <-d
		if !ok {
			break
		}
		total += v
	}
	fmt.Println("total before close:", total)

	// ok assigned to a blank and to existing variables of a named bool type.
	type flag bool
	var got flag
	e := make(chan int, 1)
	e <- 9
	var n int
	n, got = <-e
	fmt.Println(n, got)
	close(e)
	_, got = <-e
	fmt.Println(got)
}
