// run
// want-exit: 2

package main

import "fmt"

func check(code int) {
	if code != 0 {
		panic(code)
	}
	fmt.Println("code ok:", code)
}

func main() {
	check(0)
	check(42)
	fmt.Println("not reached")
}
