// run
// want-exit: 2

package main

import (
	"fmt"
	"runtime"
)

func f() {
	defer fmt.Println("f deferred")
	defer func() { fmt.Println("recover in goexit:", recover()) }()
	runtime.Goexit()
	fmt.Println("not reached")
}

func main() {
	defer fmt.Println("main deferred")
	f()
	fmt.Println("not reached either")
}
