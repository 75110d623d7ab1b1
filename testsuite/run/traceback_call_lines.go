// run
// want-exit: 2

// A call is attributed to the line of its "(": a multi-line argument list to the
// callee's line, a called function literal to the line of its closing brace.

package main

func f(a, b int) int {
	panic("x")
}

func g() int {
	return f(
		1,
		2)
}

//go:noinline
func h() int {
	x := func() int {
		return g()
	}(
	)
	return x
}

func main() {
	h()
}
