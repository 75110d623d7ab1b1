// run

package main

import "fmt"

func show(v int) {
	fmt.Println("  show ran with", v)
}

func try(s []int, i int) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}()
	defer fmt.Println("  registered before the failing defer")
	// The argument s[i] is evaluated when the defer statement executes,
	// so the panic happens here and show is never deferred.
	defer show(s[i])
	fmt.Println("  after the defer statement")
	return "ok"
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println(try(s, 1))
	fmt.Println(try(s, 7))
}
