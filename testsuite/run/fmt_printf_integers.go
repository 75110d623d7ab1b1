// run

package main

import "fmt"

func main() {
	vals := []int{0, 7, -7, 255, -255, 65535, 1234567}
	for _, v := range vals {
		fmt.Printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%x] [%X] [%#x] [%o] [%#o] [%b]\n",
			v, v, v, v, v, v, v, v, v, v, v, v)
	}
	var u8 uint8 = 200
	var i8 int8 = -100
	var u64 uint64 = 18446744073709551615
	var i64 int64 = -9223372036854775808
	fmt.Printf("%d %d %d %d\n", u8, i8, u64, i64)
	fmt.Printf("%x %x %X %x\n", u8, i8, u64, i64)
	fmt.Printf("%08b %o %O\n", u8, u8, u8)
	fmt.Printf("%c%c%c %c\n", 'G', 'o', '!', 0x4E16)
	fmt.Printf("%q %q %q\n", 'x', '\n', 0x1F600)
	fmt.Printf("%U %#U\n", 0x1F600, 'A')
	fmt.Printf("%v %v\n", u8, i64)
	fmt.Printf("%*d|%-*d|\n", 6, 42, 6, 42)
	fmt.Printf("%.3d %8.3d %-8.3d|\n", 5, 5, -5)
	fmt.Printf("%x %X\n", "hello", "hello")
	fmt.Printf("% x\n", "hello")
	fmt.Printf("%#x %# x\n", "hi", "hi")
	fmt.Printf("%x\n", []byte{1, 0xab, 0xff})
	fmt.Printf("%d%%\n", 50)
	fmt.Printf("%t %v %5t|\n", true, false, true)
	fmt.Printf("%d %d\n", []int{1, 2}, [2]int8{-1, 1})
	fmt.Printf("%x\n", []int{10, 255})
	var r rune = 'Z'
	var by byte = 'z'
	fmt.Printf("%v %v %c %c %d\n", r, by, r, by, r)
	fmt.Printf("%d\n")
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%!\n")
}
