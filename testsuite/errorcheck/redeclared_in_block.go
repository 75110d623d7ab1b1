// errorcheck

package main

func dup() {}
func dup() {} // ERROR "dup redeclared in this block"

var g int
var g string // ERROR "g redeclared in this block"

func main() {
	x := 1
	var x int // ERROR "x redeclared in this block"
	a, b := 1, 2
	a, b := 3, 4 // ERROR "no new variables on left side of :="
	{
		x := "shadowing is fine"
		_ = x
	}
	_, _, _ = x, a, b
}

func params(p int, p string) {} // ERROR "p redeclared in this block|duplicate argument p"
