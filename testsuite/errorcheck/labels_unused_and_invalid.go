// errorcheck

package main

func main() {
L: // ERROR "label L defined and not used"
	for i := 0; i < 2; i++ {
	}
Outer:
	for {
		break Outer
	}
Dup:
	for {
		break Dup
	}
Dup: // ERROR "label Dup already defined"
	for {
		break
	}
	goto Missing // ERROR "label Missing not defined"
}
