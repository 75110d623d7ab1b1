// run
// want-exit: 2

package main

import "fmt"

func tidy(buf []int) {
	fmt.Println("tidy reading buf[4]")
	fmt.Println(buf[4])
}

func work() {
	buf := make([]int, 2)
	defer tidy(buf)
	panic(fmt.Sprintf("work failed with %d items", len(buf)))
}

func main() {
	work()
}
