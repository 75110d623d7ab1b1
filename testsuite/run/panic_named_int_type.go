// run
// want-exit: 2

package main

import "fmt"

type Code int

const (
	OK Code = iota
	NotFound
	Denied
	Broken
)

func check(c Code) {
	if c >= Denied {
		panic(c)
	}
	fmt.Println("code", c, "is fine")
}

func main() {
	defer fmt.Println("deferred before crash")
	check(OK)
	check(NotFound)
	check(Broken)
}
