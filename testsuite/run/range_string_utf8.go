// run

package main

import "fmt"

func main() {
	s := "aé世😀"
	for i, r := range s {
		fmt.Println(i, r, string(r))
	}
	bad := "a\xffb\xe4\xb8c\xf0\x9f\x98"
	for i, r := range bad {
		fmt.Printf("%d %U %q\n", i, r, r)
	}
	// surrogate encoded in UTF-8 is invalid
	sur := "\xed\xa0\x80z"
	for i, r := range sur {
		fmt.Println(i, r)
	}
	// overlong encoding
	over := "\xc0\xafA"
	for i, r := range over {
		fmt.Println(i, r)
	}
	n := 0
	for range s {
		n++
	}
	fmt.Println("runes:", n, "bytes:", len(s))
	for i := range "héllo" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	var last rune
	for _, last = range "xyz" {
	}
	fmt.Println(last)
	max := "\U0010FFFF"
	for _, r := range max {
		fmt.Println(r, len(max))
	}
	for i, r := range "" {
		fmt.Println("never", i, r)
	}
}
