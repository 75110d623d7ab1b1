// run

// Closures capturing locals of an outer frame, called deep in a recursion that
// grows the stack, and closures created deep and called after the stack grew.
package main

import "fmt"

func recurse(n int, f func(int)) {
	if n == 0 {
		f(n)
		return
	}
	f(n)
	recurse(n-1, f)
}

func makeAdders(n int, out []func() int) {
	if n == 0 {
		return
	}
	local := n * 3
	out[n-1] = func() int { local++; return local }
	makeAdders(n-1, out)
}

func main() {
	total, calls := 0, 0
	recurse(200000, func(i int) {
		total += i
		calls++
	})
	fmt.Println(total, calls)

	adders := make([]func() int, 1000)
	makeAdders(1000, adders)
	recurse(50000, func(int) {})
	s := 0
	for _, a := range adders {
		s += a() + a()
	}
	fmt.Println(s)
}
