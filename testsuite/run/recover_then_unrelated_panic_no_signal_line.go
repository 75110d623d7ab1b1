// run
// want-exit: 2

package main

type T struct{ a int }

func nilDeref(p *T) int {
	defer func() { recover() }()
	return p.a
}

func main() {
	nilDeref(nil)
	panic("x")
}
