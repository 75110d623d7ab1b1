// run

package main

import "fmt"

func handler() int {
	if r := recover(); r != nil {
		fmt.Println("recovered", r)
	}
	return 0
}

func f() {
	defer handler()
	panic("boom")
}

func main() {
	f()
	fmt.Println("done")
}
