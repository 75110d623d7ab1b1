// run

package main

import "fmt"

func main() {
	s := "héllo, 世界!"
	b := []byte(s)
	r := []rune(s)
	fmt.Println(len(s), len(b), len(r))
	fmt.Println(b)
	fmt.Println(r)
	b[0] = 'H'
	fmt.Println(string(b), s)
	r[7] = '地'
	fmt.Println(string(r))
	fmt.Println(string(rune(65)), string(rune(0x4e16)), string(rune(-1)), string(rune(0x110000)), string(rune(0xD800)))
	var x int = 0x263A
	fmt.Println(string(rune(x)))
	var by byte = 'Q'
	fmt.Println(string(by), string(rune(by)))
	invalid := "a\xffz"
	ir := []rune(invalid)
	fmt.Println(len(ir), ir)
	fmt.Println(string(ir) == "a\uFFFDz")
	empty := []byte("")
	fmt.Println(len(empty), string(empty) == "", string([]rune{}) == "")
	bs := []byte{104, 105, 0xe2, 0x98, 0xba}
	fmt.Println(string(bs))
	// modifications to the byte slice do not affect the string
	str := string(bs)
	bs[0] = 'X'
	fmt.Println(str, string(bs))
	rs := []rune{'G', 'o', 0x1F680}
	fmt.Println(string(rs), len(string(rs)))
	fmt.Printf("%q\n", []byte("abc"))
	fmt.Printf("%v %s\n", []byte("abc"), []byte("abc"))
	println(string(r[:2]), len(b))
}
