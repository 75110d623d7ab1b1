// run
// want-exit: 2

package main

import "fmt"

func get(s []int, i int) int {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("get saw:", r)
			panic(r)
		}
	}()
	return s[i]
}

func main() {
	s := []int{1, 2, 3}
	fmt.Println(get(s, 0))
	fmt.Println(get(s, 5))
}
