// run
// want-exit: 2

package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func main() {
	n := &Node{1, &Node{2, nil}}
	sum := 0
	for p := n; ; p = p.Next {
		fmt.Println("visiting")
		sum += p.Val
	}
	fmt.Println(sum)
}
