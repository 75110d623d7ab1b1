// run
// want-exit: 3

package main

import (
	"fmt"
	"os"
)

func cleanup(name string) {
	fmt.Println("cleanup", name, "(must not be printed)")
}

func inner() {
	defer cleanup("inner")
	fmt.Println("inner about to exit")
	println("stderr before exit")
	os.Exit(3)
}

func main() {
	defer cleanup("main")
	defer func() {
		fmt.Println("deferred closure (must not be printed)")
	}()
	fmt.Println("main starting")
	inner()
	fmt.Println("not reached")
}
