// run
// want-exit: 2

package main

import "fmt"

func finish(items []string) {
	defer fmt.Println("registered first, still runs")
	defer func() {
		if len(items) > 2 {
			panic("too many items in deferred check")
		}
		fmt.Println("check passed")
	}()
	for _, it := range items {
		fmt.Println("item", it)
	}
}

func main() {
	finish([]string{"a"})
	finish([]string{"a", "b", "c"})
	fmt.Println("not reached")
}
