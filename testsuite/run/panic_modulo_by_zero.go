// run
// want-exit: 2

package main

import "fmt"

func main() {
	var d uint8 = 3
	for i := 0; i < 5; i++ {
		fmt.Println(250 % d)
		d--
	}
}
