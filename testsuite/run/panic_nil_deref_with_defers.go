// run
// want-exit: 2

package main

import "fmt"

type cell struct {
	v    int
	next *cell
}

func walk(c *cell) int {
	defer fmt.Println("walk deferred")
	n := 0
	for {
		n += c.v
		c = c.next
	}
}

func main() {
	defer func() {
		fmt.Println("main deferred closure, no recover")
	}()
	fmt.Println(walk(&cell{1, &cell{2, nil}}))
}
