// run

package main

import "fmt"

func f() (res string) {
	defer func() {
		r := recover()
		res = fmt.Sprint("recovered ", r)
	}()
	defer func() {
		fmt.Println("second deferred panics while panicking")
		panic("B")
	}()
	defer fmt.Println("third deferred runs first")
	panic("A")
}

func g() (res string) {
	defer func() {
		r := recover()
		res = fmt.Sprint("g recovered ", r)
	}()
	defer func() {
		panic(3)
	}()
	defer func() {
		panic(2.5)
	}()
	panic(true)
}

func main() {
	fmt.Println(f())
	fmt.Println(g())
}
