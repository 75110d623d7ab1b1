// run
// want-exit: 2

package main

import "fmt"

func cleanup() {
	fmt.Println("cleanup starts")
	panic("B")
}

func work() {
	defer fmt.Println("earliest defer still runs")
	defer cleanup()
	defer fmt.Println("latest defer runs first")
	panic("A")
}

func main() {
	defer fmt.Println("main deferred")
	work()
}
