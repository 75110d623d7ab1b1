// run

package main

import "fmt"

func main() {
	var one int64 = 1
	for _, s := range []uint{0, 1, 31, 32, 62, 63, 64, 65, 100, 200} {
		fmt.Println("1<<", s, "=", one<<s)
	}
	var m int64 = -1024
	for _, s := range []uint{0, 1, 5, 10, 11, 62, 63, 64, 1000} {
		fmt.Println("-1024>>", s, "=", m>>s)
	}
	var u uint64 = 0xF000000000000000
	for _, s := range []uint{0, 4, 60, 63, 64, 99} {
		fmt.Println("u>>", s, "=", u>>s, " u<<", s, "=", u<<s)
	}
	var i8 int8 = -128
	fmt.Println(i8>>1, i8>>7, i8>>8, i8>>200)
	var ui8 uint8 = 0x81
	fmt.Println(ui8<<1, ui8>>1, ui8<<8, ui8>>8)
	var i16 int16 = 1
	fmt.Println(i16<<15, i16<<16)
	var i32 int32 = 0x40000000
	fmt.Println(i32<<1, i32<<2, i32>>30)

	// shift count of a different (signed) type, non-negative
	var cnt int = 3
	x := 5
	fmt.Println(x<<cnt, x>>cnt, -x>>cnt, -x<<cnt)

	var c8 uint8 = 9
	fmt.Println(1000<<c8, 1000>>c8)

	// shift assignment operators
	y := 1
	y <<= 10
	fmt.Println(y)
	y >>= 3
	fmt.Println(y)
	z := int32(-7)
	z >>= 1
	fmt.Println(z)
	z <<= 31
	fmt.Println(z)
	var w uint32 = 1
	w <<= 32
	fmt.Println(w)

	// constant shifts
	const k = 1 << 10
	fmt.Println(k, k>>3, uint8(1<<7))
	println(one<<63, m>>63)
}
