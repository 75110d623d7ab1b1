// run
// want-exit: 2

package main

import "fmt"

func main() {
	a := [6]int{1, 2, 3, 4, 5, 6}
	i, j, k := 1, 4, 5
	s := a[i:j:k]
	fmt.Println(s, len(s), cap(s))
	k = 3
	s = a[i:j:k]
	fmt.Println(s)
}
