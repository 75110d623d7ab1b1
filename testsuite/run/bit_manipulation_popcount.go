// run

package main

import "fmt"

func popcount(x uint64) int {
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

func popcountSWAR(x uint64) int {
	x = x - (x>>1)&0x5555555555555555
	x = x&0x3333333333333333 + (x>>2)&0x3333333333333333
	x = (x + x>>4) & 0x0f0f0f0f0f0f0f0f
	return int(x * 0x0101010101010101 >> 56)
}

func reverseBits8(b uint8) uint8 {
	var r uint8
	for i := 0; i < 8; i++ {
		r = r<<1 | b&1
		b >>= 1
	}
	return r
}

func leadingZeros32(x uint32) int {
	if x == 0 {
		return 32
	}
	n := 0
	for x&0x80000000 == 0 {
		x <<= 1
		n++
	}
	return n
}

func trailingZeros(x uint64) int {
	if x == 0 {
		return 64
	}
	n := 0
	for x&1 == 0 {
		x >>= 1
		n++
	}
	return n
}

func rotl(x uint32, k uint) uint32 { return x<<(k&31) | x>>((32-k)&31) }

func main() {
	for _, v := range []uint64{0, 1, 0xFF, 0xF0F0, 1 << 63, 0xFFFFFFFFFFFFFFFF, 0x123456789ABCDEF0} {
		fmt.Println(v, popcount(v), popcountSWAR(v), trailingZeros(v))
	}
	for _, b := range []uint8{0x01, 0x80, 0xF0, 0xA5, 0x3C} {
		fmt.Printf("%08b -> %08b\n", b, reverseBits8(b))
	}
	for _, x := range []uint32{0, 1, 0x8000, 0xFFFFFFFF, 12345} {
		fmt.Print(leadingZeros32(x), " ")
	}
	fmt.Println()
	fmt.Printf("%08x %08x %08x\n", rotl(0x80000001, 1), rotl(0x12345678, 8), rotl(0xDEADBEEF, 32))
	// set operations on a bitset array
	var set [4]uint64
	add := func(i int) { set[i/64] |= 1 << uint(i%64) }
	has := func(i int) bool { return set[i/64]&(1<<uint(i%64)) != 0 }
	for i := 0; i < 256; i += 7 {
		add(i)
	}
	cnt := 0
	for _, w := range set {
		cnt += popcount(w)
	}
	fmt.Println(cnt, has(0), has(7), has(8), has(252), has(255))
	// signed bit tricks
	for _, v := range []int32{5, -5, 0, -2147483648} {
		sign := v >> 31
		abs := (v ^ sign) - sign
		fmt.Println(v, sign, abs, v&-v)
	}
	// isolating / clearing bits with &^
	var flags uint16 = 0xBEEF
	fmt.Printf("%016b\n%016b\n%016b\n", flags, flags&^0x00FF, flags&^(flags-1))
	println(popcount(0xFFFF))
}
