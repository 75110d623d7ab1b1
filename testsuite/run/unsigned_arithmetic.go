// run

package main

import "fmt"

func main() {
	var a, b uint = 3, 5
	fmt.Println(a-b, b-a, a*b, b/a, b%a)
	var x uint32 = 0xDEADBEEF
	fmt.Println(x, x>>16, x&0xFFFF, x|0xF, x^0xFFFFFFFF, x&^0xFF00FF00)
	fmt.Printf("%x %x %x\n", x*x, x+x, ^x)
	var y uint8 = 200
	var z uint8 = 100
	fmt.Println(y+z, y-z, z-y, y*z, y/z, ^y)
	var h uint64 = 1
	for i := 0; i < 64; i += 9 {
		fmt.Println(i, h<<uint(i), ^(h << uint(i)))
	}
	// unsigned comparison
	var big uint64 = 1 << 63
	var small uint64 = 1
	fmt.Println(big > small, big-1 > small, big+big == 0)
	var p uint16 = 65535
	p += 2
	fmt.Println(p)
	// FNV-1a hash using unsigned wraparound
	var hash uint64 = 14695981039346656037
	for _, c := range []byte("morestack") {
		hash ^= uint64(c)
		hash *= 1099511628211
	}
	fmt.Println(hash)
	fmt.Printf("%#x\n", hash)
	var hash32 uint32 = 2166136261
	for _, c := range []byte("hello, world") {
		hash32 ^= uint32(c)
		hash32 *= 16777619
	}
	fmt.Println(hash32)
	var up uintptr = 10
	up -= 11
	fmt.Println(up == ^uintptr(0))
	println(a-b, y+z)
}
