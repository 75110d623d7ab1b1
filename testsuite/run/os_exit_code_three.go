// run
// want-exit: 3

package main

import (
	"fmt"
	"os"
)

func finish(ok bool) {
	if !ok {
		fmt.Println("exiting with 3")
		println("stderr message")
		os.Exit(3)
	}
}

func main() {
	finish(true)
	fmt.Println("still running")
	finish(false)
	fmt.Println("not reached")
}
