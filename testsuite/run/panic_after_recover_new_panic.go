// run
// want-exit: 2

package main

import "fmt"

func safe() {
	defer func() {
		r := recover()
		fmt.Println("safe recovered:", r)
	}()
	panic("first")
}

func main() {
	safe()
	fmt.Println("main continues after recovery")
	defer fmt.Println("main deferred")
	panic("second")
}
