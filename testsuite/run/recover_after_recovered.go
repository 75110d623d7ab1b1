// run

package main

import "fmt"

func twice() {
	defer func() {
		r := recover()
		fmt.Println("later deferred (runs last) sees", r)
	}()
	defer func() {
		r1 := recover()
		r2 := recover()
		fmt.Println("first recover:", r1)
		fmt.Println("second recover:", r2, r2 == nil)
	}()
	panic("only once")
}

func main() {
	twice()
	fmt.Println("main after twice")
}
