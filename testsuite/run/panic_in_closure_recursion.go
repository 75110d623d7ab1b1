// run
// want-exit: 2

package main

import "fmt"

func walk(depth int, visit func(int)) {
	visit(depth)
	if depth < 5 {
		walk(depth+1, visit)
	}
}

func main() {
	seen := 0
	walk(0, func(d int) {
		seen++
		fmt.Println("depth", d)
		if d == 4 {
			var arr []int
			_ = arr[d]
		}
	})
	fmt.Println(seen)
}
