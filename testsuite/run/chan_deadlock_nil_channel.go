// run
// want-exit: 2

package main

import "fmt"

func main() {
	var c chan int
	fmt.Println("receiving from a nil channel blocks forever")
	v := <-c
	fmt.Println(v)
}
