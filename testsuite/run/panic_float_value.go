// run
// want-exit: 2

package main

import "fmt"

func main() {
	ratio := 7.0 / 2
	fmt.Println("ratio", ratio)
	if ratio > 3 {
		panic(ratio)
	}
}
