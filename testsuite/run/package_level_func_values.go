// run

package main

import "fmt"

var ops = []struct {
	sym string
	fn  func(a, b int) int
}{
	{"+", func(a, b int) int { return a + b }},
	{"-", func(a, b int) int { return a - b }},
	{"*", func(a, b int) int { return a * b }},
	{"max", maxInt},
}

var double = func(x int) int { return x * 2 }
var counter = makeCounter()
var callsAtInit = counter()

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func makeCounter() func() int {
	c := 0
	return func() int {
		c++
		return c
	}
}

var hooks []func(string) string

func register(h func(string) string) { hooks = append(hooks, h) }

func runHooks(s string) string {
	for _, h := range hooks {
		s = h(s)
	}
	return s
}

func main() {
	for _, op := range ops {
		fmt.Println(op.sym, op.fn(12, 5))
	}
	fmt.Println(double(21), callsAtInit, counter(), counter())
	double = func(x int) int { return x * 3 }
	fmt.Println(double(21))
	register(func(s string) string { return s + "!" })
	register(func(s string) string { return "<" + s + ">" })
	prefix := "pre-"
	register(func(s string) string { return prefix + s })
	prefix = "PRE-"
	fmt.Println(runHooks("x"), len(hooks))
	println(counter())
}
