// run
// want-exit: 2

package main

import "fmt"

func main() {
	defer fmt.Println("deferred runs")
	var v interface{}
	fmt.Println("about to panic with nil")
	panic(v)
}
