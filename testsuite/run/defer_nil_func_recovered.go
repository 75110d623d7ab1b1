// run

package main

import "fmt"

func deferNil() (result string) {
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		result = "recovered from nil func"
	}()
	var f func(int)
	defer f(1)
	fmt.Println("defer of nil func did not panic yet")
	return "normal"
}

func main() {
	fmt.Println(deferNil())
}
