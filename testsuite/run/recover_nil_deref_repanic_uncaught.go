// run
// want-exit: 2

package main

import "fmt"

type conf struct {
	size int
}

func size(c *conf) int {
	defer func() {
		r := recover()
		fmt.Println("size recovered:", r)
		if r != nil {
			panic(r)
		}
	}()
	return c.size
}

func main() {
	fmt.Println(size(&conf{4}))
	fmt.Println(size(nil))
}
