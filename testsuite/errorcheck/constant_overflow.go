// errorcheck

package main

const big = 1 << 100

func main() {
	var b byte = 300   // ERROR "overflows"
	var i8 int8 = -129 // ERROR "overflows"
	var u uint = -1    // ERROR "overflows"
	var i int = big    // ERROR "overflows"
	x := big           // ERROR "overflows"
	var u16 uint16 = 1 << 16 // ERROR "overflows"
	const c int32 = 1 << 31 // ERROR "overflows"
	var ok uint8 = 255
	_, _, _, _, _, _, _ = b, i8, u, i, x, u16, ok
}
