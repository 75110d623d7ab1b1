// run
// want-exit: 2

package main

import "fmt"

func work() {
	defer func() {
		r := recover()
		fmt.Println("caught", r, "- re-panicking")
		panic(r)
	}()
	fmt.Println("working")
	panic("first")
}

func main() {
	defer fmt.Println("main deferred runs before crash")
	work()
	fmt.Println("not reached")
}
