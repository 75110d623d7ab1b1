// errorcheck

package main

func f() (int, int) { return 1, 2 }

func main() {
	a := 1 // ERROR "declared (and|but) not used"
	var b string // ERROR "declared (and|but) not used"
	c, d := f() // ERROR "declared (and|but) not used"
	_ = c
	for i := 0; i < 3; i++ {
		e := i // ERROR "declared (and|but) not used"
	}
	used := 2 // ERROR "declared (and|but) not used"
	used = 3
	g := func() {
		h := 4 // ERROR "declared (and|but) not used"
	}
	g()
}
