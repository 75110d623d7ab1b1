// run
// want-exit: 2

package main

import "fmt"

func main() {
	s := make([]int, 2, 3)
	fmt.Println(len(s[:3]), cap(s[:3]))
	n := 5
	t := s[:n]
	fmt.Println(t)
}
