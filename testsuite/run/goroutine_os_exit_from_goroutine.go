// run
// want-exit: 3

package main

import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("main's deferred call does not run")
	block := make(chan bool)
	go func() {
		defer fmt.Println("the goroutine's deferred call does not run")
		fmt.Println("goroutine calls os.Exit(3)")
		os.Exit(3)
	}()
	<-block
	fmt.Println("not reached")
}
