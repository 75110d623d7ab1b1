// run

package main

import "fmt"

func double() (r int) {
	defer func() {
		r *= 2
	}()
	return 21
}

func unnamed() int {
	x := 5
	defer func() {
		x *= 100
		fmt.Println("  unnamed: deferred x =", x)
	}()
	return x
}

func chain() (r int) {
	defer func() { r += 1 }()
	defer func() { r *= 10 }()
	defer func() { r -= 3 }()
	r = 100
	return r + 5
}

func pairResult(a, b int) (sum int, msg string) {
	defer func() {
		msg = fmt.Sprintf("%s (sum was %d)", msg, sum)
		sum = -sum
	}()
	sum = a + b
	if sum > 10 {
		return sum, "big"
	}
	msg = "small"
	return
}

func observe() (r int) {
	defer func() {
		fmt.Println("  observe: deferred sees r =", r)
	}()
	r = 1
	return 2
}

func viaPointer() (r int) {
	p := &r
	defer func() {
		*p += 1000
	}()
	return 7
}

func main() {
	fmt.Println("double", double())
	fmt.Println("unnamed", unnamed())
	fmt.Println("chain", chain())
	s, m := pairResult(3, 4)
	fmt.Println("pairResult", s, m)
	s, m = pairResult(30, 4)
	fmt.Println("pairResult", s, m)
	fmt.Println("observe", observe())
	fmt.Println("viaPointer", viaPointer())
}
