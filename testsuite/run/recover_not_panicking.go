// run

package main

import "fmt"

func normalDefer() {
	defer func() {
		r := recover()
		fmt.Println("recover in defer without panic:", r, r == nil)
	}()
	fmt.Println("normalDefer body")
}

func direct() {
	r := recover()
	fmt.Println("recover outside defer:", r == nil)
}

func helper() {
	r := recover()
	fmt.Println("helper recover:", r)
}

func main() {
	normalDefer()
	direct()
	defer helper()
	if r := recover(); r != nil {
		fmt.Println("unexpected")
	} else {
		fmt.Println("main recover is nil")
	}
	var e interface{} = recover()
	fmt.Println(e == nil, e)
	r := recover()
	fmt.Printf("%v\n", r)
}
