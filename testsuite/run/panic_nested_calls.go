// run
// want-exit: 2

package main

import "fmt"

func level3(x int) int {
	if x > 2 {
		panic(fmt.Sprint("too deep: ", x))
	}
	return x
}

func level2(x int) int {
	return level3(x+1) * 2
}

func level1(x int) int {
	return level2(x+1) + 1
}

func main() {
	fmt.Println(level1(0))
	fmt.Println(level1(1))
}
