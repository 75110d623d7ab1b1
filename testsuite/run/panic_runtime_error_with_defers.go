// run
// want-exit: 2

package main

import "fmt"

func errln(s string) {
	println(s)
}

func lookup(s []int, i int) int {
	defer fmt.Println("lookup deferred", i)
	defer errln("lookup deferred on stderr")
	return s[i]
}

func process(s []int) int {
	defer func() {
		fmt.Println("process deferred closure")
	}()
	total := 0
	for i := 0; i <= len(s); i++ {
		total += lookup(s, i)
	}
	return total
}

func main() {
	defer fmt.Println("main deferred")
	fmt.Println(process([]int{1, 2, 3}))
}
