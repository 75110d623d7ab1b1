// run
// want-exit: 2

package main

import "fmt"

func store(p *int, v int) {
	*p = v
}

func main() {
	x := 0
	store(&x, 5)
	fmt.Println(x)
	var np *int
	store(np, 6)
	fmt.Println("not reached")
}
