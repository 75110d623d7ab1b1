// run
// want-exit: 2

package main

import "fmt"

func main() {
	fmt.Println("before panic")
	println("stderr before panic")
	panic("something went badly wrong")
}
