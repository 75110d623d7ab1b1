// run

package main

import "fmt"

var table [256]uint32

func init_table() {
	for i := range table {
		c := uint32(i)
		for k := 0; k < 8; k++ {
			if c&1 == 1 {
				c = 0xEDB88320 ^ (c >> 1)
			} else {
				c >>= 1
			}
		}
		table[i] = c
	}
}

func crc32(data []byte) uint32 {
	crc := ^uint32(0)
	for _, b := range data {
		crc = table[byte(crc)^b] ^ (crc >> 8)
	}
	return ^crc
}

func adler32(data []byte) uint32 {
	const mod = 65521
	var a, b uint32 = 1, 0
	for _, c := range data {
		a = (a + uint32(c)) % mod
		b = (b + a) % mod
	}
	return b<<16 | a
}

func fletcher16(data []byte) uint16 {
	var s1, s2 uint16
	for _, c := range data {
		s1 = (s1 + uint16(c)) % 255
		s2 = (s2 + s1) % 255
	}
	return s2<<8 | s1
}

func xorshift(state *uint64) uint64 {
	x := *state
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	*state = x
	return x
}

func main() {
	init_table()
	fmt.Printf("%08x %08x %08x\n", table[0], table[1], table[255])
	for _, s := range []string{"", "a", "abc", "The quick brown fox jumps over the lazy dog", "123456789"} {
		d := []byte(s)
		fmt.Printf("%-45q crc32=%08x adler32=%08x fletcher16=%04x\n", s, crc32(d), adler32(d), fletcher16(d))
	}
	var st uint64 = 88172645463325252
	for i := 0; i < 5; i++ {
		fmt.Println(xorshift(&st))
	}
	println(crc32([]byte("123456789")))
}
