// run
// want-exit: 2

package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

// value reads through p; the traceback shows this frame, then main.main.
func value(p *Node) int {
	return p.Val
}

func main() {
	n := &Node{1, &Node{2, nil}}
	fmt.Println("visiting", value(n))
	fmt.Println("visiting", value(n.Next))
	fmt.Println("visiting", value(n.Next.Next))
}
