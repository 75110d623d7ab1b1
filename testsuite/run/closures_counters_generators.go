// run

package main

import "fmt"

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func fibGen() func() int {
	a, b := 0, 1
	return func() int {
		r := a
		a, b = b, a+b
		return r
	}
}

func pair() (inc func(), get func() int) {
	x := 0
	inc = func() { x += 10 }
	get = func() int { return x }
	return
}

func adder(base int) func(int) int {
	return func(d int) int {
		base += d
		return base
	}
}

func compose(f, g func(int) int) func(int) int {
	return func(x int) int { return f(g(x)) }
}

func main() {
	c1 := counter()
	c2 := counter()
	fmt.Println(c1(), c1(), c1(), c2(), c1(), c2())
	fib := fibGen()
	for i := 0; i < 15; i++ {
		fmt.Print(fib(), " ")
	}
	fmt.Println()
	inc, get := pair()
	inc()
	inc()
	fmt.Println(get())
	add := adder(100)
	fmt.Println(add(1), add(2), add(-50))
	double := func(x int) int { return x * 2 }
	plus3 := func(x int) int { return x + 3 }
	fmt.Println(compose(double, plus3)(4), compose(plus3, double)(4))

	// capture by reference: closure sees later modifications
	v := 1
	show := func() int { return v }
	v = 42
	fmt.Println(show())
	set := func(n int) { v = n }
	set(7)
	fmt.Println(v, show())

	// nested closures sharing a variable
	total := 0
	outer := func() func() {
		total += 1
		return func() { total += 100 }
	}
	f := outer()
	f()
	f()
	fmt.Println(total)

	// closure capturing a struct and array by reference
	type S struct{ A int }
	s := S{1}
	arr := [2]int{5, 6}
	mut := func() {
		s.A++
		arr[1] = 60
	}
	mut()
	fmt.Println(s, arr)

	// recursive closure
	var fact func(int) int
	fact = func(n int) int {
		if n <= 1 {
			return 1
		}
		return n * fact(n-1)
	}
	fmt.Println(fact(10), fact(20))
	// immediately invoked
	res := func(a, b int) int { return a * b }(6, 7)
	fmt.Println(res)
	println(c1(), c2())
}
