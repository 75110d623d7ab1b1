// run
// want-exit: 2

package main

import "fmt"

type State string

func main() {
	s := State("idle")
	fmt.Println("state", s)
	s = "exploded"
	panic(s)
}
