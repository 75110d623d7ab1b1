// run
// want-exit: 2

package main

import "fmt"

func sub(s []byte, i, j int) []byte {
	return s[i:j]
}

func main() {
	b := []byte("abcdef")
	fmt.Println(string(sub(b, 1, 4)))
	fmt.Println(string(sub(b, 3, 2)))
}
