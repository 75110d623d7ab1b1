// run
// want-exit: 2

package main

import "fmt"

func work() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered", r)
			panic(fmt.Sprint("second, after ", r))
		}
	}()
	panic("first")
}

func main() {
	work()
}
