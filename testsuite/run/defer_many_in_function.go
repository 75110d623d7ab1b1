// run

package main

import "fmt"

var trace string

func add(s string) {
	trace += s
}

// More than 8 defers in one function: Go cannot open-code them all.
func many() {
	defer add("a")
	defer add("b")
	defer add("c")
	defer add("d")
	defer add("e")
	defer add("f")
	defer add("g")
	defer add("h")
	defer add("i")
	defer add("j")
	defer add("k")
	defer add("l")
	defer add("m")
	defer add("n")
	defer add("o")
	defer add("p")
	defer add("q")
	defer add("r")
	defer add("s")
	defer add("t")
	trace += "|"
}

// Exactly 8 defers, some conditional.
func eight(mask int) {
	if mask&1 != 0 {
		defer add("1")
	}
	if mask&2 != 0 {
		defer add("2")
	}
	if mask&4 != 0 {
		defer add("3")
	}
	if mask&8 != 0 {
		defer add("4")
	}
	if mask&16 != 0 {
		defer add("5")
	}
	if mask&32 != 0 {
		defer add("6")
	}
	if mask&64 != 0 {
		defer add("7")
	}
	if mask&128 != 0 {
		defer add("8")
	}
	trace += ":"
}

func main() {
	many()
	fmt.Println(trace)
	for _, m := range []int{0, 1, 255, 170, 85, 129} {
		trace = ""
		eight(m)
		fmt.Printf("mask %3d -> %q\n", m, trace)
	}
}
