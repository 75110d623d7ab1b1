// run
// want-exit: 2

package main

import (
	"errors"
	"fmt"
)

func level() {
	defer func() {
		panic(fmt.Errorf("third: code %d", 3))
	}()
	defer func() {
		panic(errors.New("second"))
	}()
	panic("first")
}

func main() {
	defer func() {
		fmt.Println("main deferred sees the panic but does not recover")
	}()
	level()
}
