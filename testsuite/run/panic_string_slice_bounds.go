// run
// want-exit: 2

package main

import "fmt"

func main() {
	s := "hello"
	lo, hi := 2, 10
	fmt.Println(s[lo:])
	fmt.Println(s[lo:hi])
}
