// run

// Arrays and structs passed and returned by value across stack growth: each level
// receives a value, recurses (growing the stack), and returns a modified copy; the
// caller's own copy must be unchanged.
package main

import "fmt"

type Pair struct {
	A, B int
	Tag  string
}

func grow(n int, p Pair, a [4]int) (Pair, [4]int) {
	if n == 0 {
		return Pair{p.A + 1, p.B + 2, p.Tag + "!"}, [4]int{a[0], a[1], a[2], a[3] + 1}
	}
	mine := p
	mineArr := a
	q, b := grow(n-1, Pair{p.A + 1, p.B, p.Tag}, [4]int{a[0] + 1, a[1], a[2], a[3]})
	if mine != p || mineArr != a {
		panic("callee changed the caller's copy")
	}
	q.B += p.B
	b[1] += a[1] + 1
	return q, b
}

func main() {
	p, a := grow(50000, Pair{0, 1, "go"}, [4]int{1, 2, 3, 4})
	fmt.Println(p, a)
}
