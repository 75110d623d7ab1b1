// run

package main

import "fmt"

var x = "package"

func show() string { return x }

func main() {
	fmt.Println(x)
	x := "main"
	fmt.Println(x, show())
	{
		x := 1
		x++
		fmt.Println(x)
		{
			x := true
			fmt.Println(!x)
		}
		fmt.Println(x)
	}
	fmt.Println(x)
	for x := 0; x < 2; x++ {
		x := x * 10
		fmt.Println("loop", x)
	}
	if x := len(x); x > 3 {
		fmt.Println("len", x)
	}
	switch x := 3.5; {
	case x > 3:
		fmt.Println("float", x)
	}
	// redeclaration in := with at least one new variable
	a, err := 1, "none"
	b, err := 2, "second"
	fmt.Println(a, b, err)
	// shadowing a function parameter in a nested block
	f := func(n int) int {
		{
			n := n * 2
			n++
			_ = n
		}
		return n
	}
	fmt.Println(f(5))
	// shadowing builtin names (legal in Go)
	len := func(s string) int { return 42 }
	fmt.Println(len("abc"))
	true := false
	fmt.Println(true)
	{
		fmt := "shadowed package name"
		_ = fmt
	}
	// closure captures the innermost variable
	y := 1
	var g func() int
	{
		y := 2
		g = func() int { return y }
		y = 3
	}
	fmt.Println(g(), y)
	println(x, show())
}
