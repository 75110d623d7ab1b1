// run

package main

import "fmt"

type node struct {
	val  int
	next *node
}

func sumList(n *node, count int) (total int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			total = -total
		}
	}()
	for i := 0; i < count; i++ {
		total += n.val
		n = n.next
	}
	return total
}

func write(p *int) {
	defer func() {
		r := recover()
		fmt.Println("write:", r)
	}()
	*p = 5
}

func field(p *node) {
	defer func() {
		r := recover()
		fmt.Println("field:", r)
	}()
	p.next.val = 1
}

func main() {
	list := &node{1, &node{2, &node{3, nil}}}
	fmt.Println(sumList(list, 3))
	fmt.Println(sumList(list, 5))
	var p *int
	write(p)
	field(&node{})
	fmt.Println("main continues")
}
