// run

package main

import "fmt"

func tryRecover(where string) {
	r := recover()
	fmt.Println(where, "recover returned", r)
}

func inner() {
	defer func() {
		// recover is not called directly by the deferred function,
		// so it returns nil and the panic continues.
		tryRecover("helper called from deferred closure:")
	}()
	panic("inner failure")
}

func middle() {
	defer func() {
		fmt.Println("middle deferred runs during panic")
	}()
	inner()
	fmt.Println("not reached")
}

func outer() (status string) {
	defer func() {
		if r := recover(); r != nil {
			status = fmt.Sprint("outer recovered: ", r)
		}
	}()
	middle()
	return "no panic"
}

func direct() (status string) {
	// Deferring the helper itself makes it the deferred function,
	// so here recover works.
	defer tryRecover("deferred helper:")
	panic("direct failure")
}

func main() {
	fmt.Println(outer())
	direct()
	fmt.Println("main continues")
}
