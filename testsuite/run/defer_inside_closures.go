// run

package main

import "fmt"

func outer() {
	defer fmt.Println("outer deferred")
	f := func(tag string) {
		defer fmt.Println("closure deferred", tag)
		fmt.Println("closure body", tag)
	}
	f("one")
	f("two")
	func() {
		defer fmt.Println("immediate closure deferred")
		fmt.Println("immediate closure body")
	}()
	fmt.Println("outer body end")
}

func deferInDefer() {
	defer func() {
		defer fmt.Println("defer registered inside deferred func")
		fmt.Println("deferred func body")
	}()
	defer func() {
		for i := 0; i < 3; i++ {
			defer fmt.Println("loop defer inside deferred func", i)
		}
	}()
	fmt.Println("deferInDefer body")
}

func main() {
	outer()
	deferInDefer()
}
