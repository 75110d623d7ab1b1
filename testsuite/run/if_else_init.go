// run

package main

import "fmt"

func classify(n int) string {
	if n < 0 {
		return "negative"
	} else if n == 0 {
		return "zero"
	} else if n%2 == 0 {
		return "even"
	} else {
		return "odd"
	}
}

func lookup(xs []int, want int) (int, bool) {
	for i, x := range xs {
		if x == want {
			return i, true
		}
	}
	return -1, false
}

func main() {
	for _, n := range []int{-5, 0, 4, 7} {
		fmt.Println(n, classify(n))
	}
	xs := []int{4, 8, 15, 16, 23, 42}
	if i, ok := lookup(xs, 15); ok {
		fmt.Println("found at", i)
	} else {
		fmt.Println("missing", i)
	}
	if i, ok := lookup(xs, 99); ok {
		fmt.Println("found at", i)
	} else {
		fmt.Println("missing", i)
	}
	x := 10
	if x := 5; x > 3 {
		fmt.Println("inner x", x)
	}
	fmt.Println("outer x", x)
	if y := x * 2; y > 100 {
		fmt.Println("big")
	} else if z := y + 1; z > 20 {
		fmt.Println("medium", y, z)
	} else {
		fmt.Println("small", y, z)
	}
	cnt := 0
	inc := func() bool { cnt++; return true }
	// short-circuit evaluation
	if false && inc() {
		fmt.Println("never")
	}
	if true || inc() {
		fmt.Println("short-circuit ok", cnt)
	}
	if inc() && inc() || inc() {
		fmt.Println("cnt", cnt)
	}
	b := x > 5 && !(x > 20) || x == 0
	fmt.Println(b)
	var p *int
	if p != nil && *p > 0 {
		fmt.Println("deref")
	} else {
		fmt.Println("nil guarded")
	}
	if x++; x == 11 {
		fmt.Println("incremented in init", x)
	}
	println(classify(3), x)
}
