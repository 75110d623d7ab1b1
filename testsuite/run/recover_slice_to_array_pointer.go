// run

package main

import "fmt"

func main() {
	defer func() { fmt.Println("recovered:", recover()) }()
	s := []int{1, 2}
	p := (*[2]int)(s)
	fmt.Println(p[1])
	q := (*[4]int)(s)
	fmt.Println(q[0])
}
