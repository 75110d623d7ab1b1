// run

package main

import "fmt"

func nilPanic() (state string) {
	state = "before"
	defer func() {
		r := recover()
		fmt.Println("recover returned", r, "nil?", r == nil)
		if r == nil {
			state += ", recover gave nil"
		}
	}()
	panic(nil)
}

func nilError() (state string) {
	defer func() {
		if r := recover(); r != nil {
			state = "non-nil recover"
		} else {
			state = "nil recover for nil error panic"
		}
	}()
	var err error
	panic(err)
}

func main() {
	fmt.Println(nilPanic())
	fmt.Println(nilError())
	fmt.Println("main continues normally")
}
