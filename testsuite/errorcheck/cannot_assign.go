// errorcheck

package main

const limit = 10

type P struct{ X int }

func get() P { return P{} }

func main() {
	limit = 20 // ERROR "cannot assign to limit"
	s := "hello"
	s[0] = 'H' // ERROR "cannot assign to s\[0\]"
	get().X = 5 // ERROR "cannot assign to get\(\).X"
	len := 3
	len = 4
	_ = len
	"lit" = s // ERROR "cannot assign to \"lit\""
	1 + 2 = 3 // ERROR "cannot assign to 1 \+ 2"
}
