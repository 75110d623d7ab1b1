// run

package main

import "fmt"

func main() {
	x := 100
	x += 5
	fmt.Println(x)
	x -= 10
	fmt.Println(x)
	x *= 3
	fmt.Println(x)
	x /= 7
	fmt.Println(x)
	x %= 9
	fmt.Println(x)
	x <<= 4
	fmt.Println(x)
	x >>= 2
	fmt.Println(x)
	x |= 0x100
	fmt.Println(x)
	x &= 0x1F0
	fmt.Println(x)
	x ^= 0xFF
	fmt.Println(x)
	x &^= 0x0F
	fmt.Println(x)

	var u8 uint8 = 0xAA
	u8 &^= 0x0F
	fmt.Println(u8)
	u8 <<= 1
	fmt.Println(u8)
	u8 ^= 0xFF
	fmt.Println(u8)
	u8 += 250
	fmt.Println(u8)

	var i16 int16 = -1000
	i16 >>= 3
	fmt.Println(i16)
	i16 *= 300
	fmt.Println(i16)
	i16 %= 77
	fmt.Println(i16)

	f := 1.5
	f += 2.25
	f *= 2
	f -= 0.5
	f /= 4
	fmt.Println(f)

	s := "go"
	s += "pher"
	s += string('s')
	fmt.Println(s)

	// op= on indexed and field operands, evaluated once
	arr := []int{1, 2, 3}
	idx := 0
	next := func() int { idx++; return idx - 1 }
	arr[next()] += 10
	arr[next()] *= 10
	fmt.Println(arr, idx)
	type T struct{ a, b int }
	t := T{3, 4}
	pt := &t
	pt.a <<= 3
	pt.b |= 8
	fmt.Println(t)
	var cnt uint = 3
	y := 1
	y <<= cnt
	fmt.Println(y)
	// bit tricks
	v := 0b1011_0110
	fmt.Printf("%b %b %b %b\n", v&-v, v&(v-1), v|(v+1), v&^(v>>1))
	println(x, u8, i16)
}
