// run

package main

import "fmt"

var trace []string

func ch(name string, c chan int) chan int {
	trace = append(trace, "chan "+name)
	return c
}

func val(name string, v int) int {
	trace = append(trace, "value "+name)
	return v
}

func main() {
	// On entering select, every channel operand and every send value is
	// evaluated once, in source order, whichever case is then chosen.
	// No case is ready (nobody receives from a or b, c is empty): default.
	a := make(chan int)
	b := make(chan int)
	c := make(chan int, 1)
	var x int
	select {
	case ch("a", a) <- val("a", 1):
		fmt.Println("sent on a")
	case x = <-ch("c", c):
		fmt.Println("impossible")
	case ch("b", b) <- val("b", 2):
		fmt.Println("sent on b")
	default:
		fmt.Println("default")
	}
	fmt.Println(trace)
	_ = x
	// The receive's left-hand side is evaluated only if that case is chosen.
	trace = nil
	arr := []int{0, 0, 0}
	idx := func(i int) int {
		trace = append(trace, fmt.Sprint("index ", i))
		return i
	}
	e := make(chan int, 1)
	e <- 7
	var nilc chan int
	select {
	case arr[idx(0)] = <-ch("nil", nilc):
	case arr[idx(2)] = <-ch("e", e):
	}
	fmt.Println(trace, arr)

	// The channel of a send statement is evaluated before the value.
	trace = nil
	d := make(chan int, 1)
	ch("d", d) <- val("d", 4)
	fmt.Println(trace, <-d)
}
