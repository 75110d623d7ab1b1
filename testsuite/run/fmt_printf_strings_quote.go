// run

package main

import "fmt"

func main() {
	words := []string{"", "go", "hello world", "tab\there", "quote\"d", "newline\n", "é世", "\x00\x7f", "bad\xff"}
	for _, w := range words {
		fmt.Printf("[%s] [%q] [%+q] [%#q] [%x] [%10s] [%-10s|] [%.3s] [%8.2s]\n", w, w, w, w, w, w, w, w, w)
	}
	fmt.Printf("%v|%6v|%-6v|\n", "ab", "ab", "ab")
	fmt.Printf("%q\n", []string{"a b", "c"})
	fmt.Printf("%s\n", []string{"x", "y"})
	fmt.Printf("%5.1s|\n", "世界")
	fmt.Printf("%c|%-3c|%3c|\n", 'é', 'a', 'b')
	fmt.Printf("%q %+q\n", 'é', 'é')
	fmt.Printf("%#q\n", "back`tick")
	s := fmt.Sprintf("%s=%d", "x", 10)
	fmt.Println(s, len(s))
	fmt.Printf("%s %s\n", "a")
	fmt.Printf("%[2]s %[1]s %s\n", "first", "second", "third")
	fmt.Printf("%[1]d %[1]x %[1]o %[1]b\n", 64)
}
