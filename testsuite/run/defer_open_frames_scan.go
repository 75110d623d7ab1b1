// run

// Panics that run open-coded and general-path deferred calls found on the stack:
// interleaved frames of both kinds run innermost first; a deep recursion of open-coded
// frames, with stack growth while they run; a nested panic that continues with the
// remaining deferred calls of the same frames; results held in variables reach the
// function's exit after a recovery with their values at the panic.
package main

import "fmt"

var trace []string

func open(depth int) {
	defer func() { trace = append(trace, fmt.Sprint("open", depth)) }()
	if depth == 0 {
		panic("bottom")
	}
	general(depth - 1)
}

func general(depth int) {
	for i := 0; i < 2; i++ {
		defer func(i int) { trace = append(trace, fmt.Sprint("general", depth, ".", i)) }(i)
	}
	if depth == 0 {
		panic("bottom")
	}
	open(depth - 1)
}

func interleaved() (r string) {
	defer func() { r = fmt.Sprint("recovered ", recover()) }()
	open(5)
	return "no panic"
}

var count int

func grow(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		return pad[0]
	}
	return grow(n-1) + pad[n%64]
}

func deep(n int) int {
	defer func() {
		count++
		if count%10000 == 0 {
			count += grow(200) - grow(200)
		}
	}()
	if n == 0 {
		panic("deep")
	}
	return deep(n-1) + 1
}

func catchDeep(n int) (r interface{}) {
	defer func() { r = recover() }()
	deep(n)
	return nil
}

func nested() {
	defer func() { trace = append(trace, "nested outer: "+fmt.Sprint(recover())) }()
	func() {
		defer func() { trace = append(trace, "second deferred call runs") }()
		defer func() { panic("second") }()
		panic("first")
	}()
}

func mayPanic(p bool) {
	if p {
		panic("mayPanic")
	}
}

func results() (x int, s string) {
	defer func() { recover() }()
	x, s = 7, "seven"
	mayPanic(false)
	x = 8
	mayPanic(true)
	x, s = 9, "nine"
	return
}

func unnamed(p bool) int {
	defer func() { recover() }()
	mayPanic(p)
	return 3
}

func main() {
	fmt.Println(interleaved())
	for _, t := range trace {
		fmt.Println(t)
	}
	trace = nil
	fmt.Println(catchDeep(100000), count)
	nested()
	fmt.Println(trace)
	x, s := results()
	fmt.Println(x, s, unnamed(false), unnamed(true))
}
