// run

package main

import "fmt"

func main() {
	var big int64 = 0x123456789ABCDEF0
	fmt.Println(int8(big), int16(big), int32(big), int64(big))
	fmt.Println(uint8(big), uint16(big), uint32(big), uint64(big))

	var neg int64 = -1
	fmt.Println(uint8(neg), uint16(neg), uint32(neg), uint64(neg), uint(neg))

	var s8 int8 = -5
	fmt.Println(int16(s8), int32(s8), int64(s8), int(s8))
	fmt.Println(uint16(s8), uint32(s8), uint64(s8))

	var u8 uint8 = 0xF0
	fmt.Println(int8(u8), int16(u8), int32(u8), int64(u8))

	var u16 uint16 = 0x8001
	fmt.Println(int16(u16), int8(u16), uint8(u16), int64(int16(u16)))

	var u32 uint32 = 0xFFFFFFFF
	fmt.Println(int32(u32), int64(u32), int64(int32(u32)))

	var u64 uint64 = 0x8000000000000000
	fmt.Println(int64(u64), int32(u64), uint32(u64))

	// chained conversions
	x := 300
	fmt.Println(byte(x), int8(byte(x)), int(int8(x)))
	y := -300
	fmt.Println(byte(y), int8(y), uint16(y))

	var p uintptr = uintptr(neg)
	fmt.Println(p == uintptr(uint64(neg)), uint8(p))

	// rune/byte conversions
	var r rune = 0x1F600
	fmt.Println(byte(r), int16(r), uint16(r))
	for _, v := range []int64{127, 128, 255, 256, -129, 65535, 65536} {
		fmt.Printf("%d -> int8 %d uint8 %d int16 %d uint16 %d\n", v, int8(v), uint8(v), int16(v), uint16(v))
	}
}
