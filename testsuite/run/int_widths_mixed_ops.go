// run

package main

import "fmt"

func main() {
	var a int8 = 100
	var b int16 = 30000
	var c int32 = 2000000000
	var d int64 = 9000000000000000000
	var e uint8 = 200
	var f uint16 = 60000
	var g uint32 = 4000000000
	var h uint64 = 18000000000000000000
	var i int = -1
	var u uint = 1
	var up uintptr = 0x1000

	// each operation wraps in its own type
	fmt.Println(a+a, b+b, c+c, d+d)
	fmt.Println(e+e, f+f, g+g, h+h)
	fmt.Println(a*3, b*3, c*3, d*3)
	fmt.Println(e*3, f*3, g*3, h*3)
	fmt.Println(-a, -b, -c, -d, -e, -f, -g, -h)
	fmt.Println(^a, ^b, ^c, ^d, ^e, ^f, ^g, ^h)
	// explicit widening before arithmetic
	fmt.Println(int16(a)*3, int32(b)*3, int64(c)*3, uint16(e)*3, uint32(f)*3, uint64(g)*3)
	fmt.Println(i+int(a), u+uint(e), up+uintptr(e), up>>4, up*2)
	// comparisons within types
	fmt.Println(a > 99, e < 201, g > 3999999999, h > 1<<63)
	// mixing via conversion
	sum := int64(a) + int64(b) + int64(c) + d
	fmt.Println(sum)
	usum := uint64(e) + uint64(f) + uint64(g)
	fmt.Println(usum)
	// bitwise across widths
	fmt.Println(a&0x0F, b|0x0F, c^0x7FFFFFFF, d&^0xFFFF)
	fmt.Println(e&0x0F, f|0x0F, g^0xFFFFFFFF, h&^0xFFFF)
	// division truncation per type
	fmt.Println(a/-7, b/-7, c/-7, d/-7, e/7, f/7, g/7, h/7)
	fmt.Println(a%-7, b%-7, c%-7, d%-7, e%7, f%7, g%7, h%7)
	var r rune = 'A'
	var by byte = 'a'
	fmt.Println(r+1, by+1, r-rune(by), by-byte(r))
	println(a+a, e+e, g+g)
}
