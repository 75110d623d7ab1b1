// run
// want-exit: 2

package main

import "fmt"

func main() {
	var b byte = 200
	var r rune = 'A'
	fmt.Println(b, r)
	if r > 0 {
		defer fmt.Println("rune deferred")
	}
	panic(b + 100)
}
