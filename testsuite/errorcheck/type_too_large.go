// errorcheck

package main

func main() {
	var a [1 << 62][4]int // ERROR "larger than address space"
	_ = a
}
