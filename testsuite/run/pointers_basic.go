// run

package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

type Counter struct {
	n    int
	name string
}

func incr(c *Counter) {
	c.n++
}

func swap(a, b *int) {
	*a, *b = *b, *a
}

func newInt(v int) *int {
	x := v // escapes
	return &x
}

func main() {
	x := 10
	p := &x
	*p = 20
	fmt.Println(x, *p, p == &x)
	y := 30
	swap(&x, &y)
	fmt.Println(x, y)

	c := &Counter{name: "clicks"}
	for i := 0; i < 5; i++ {
		incr(c)
	}
	fmt.Println(c.n, (*c).name)
	fmt.Printf("%v %+v\n", *c, *c)
	fmt.Printf("%+v\n", c)

	n := new(int)
	fmt.Println(*n)
	*n += 7
	fmt.Println(*n)
	cs := new(Counter)
	cs.name = "new"
	incr(cs)
	fmt.Println(*cs)

	a := newInt(1)
	b := newInt(1)
	fmt.Println(a == b, *a == *b)

	// linked list
	var head *Node
	for i := 5; i > 0; i-- {
		head = &Node{Val: i, Next: head}
	}
	for n := head; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()
	// reverse it
	var prev *Node
	for cur := head; cur != nil; {
		next := cur.Next
		cur.Next = prev
		prev = cur
		cur = next
	}
	for n := prev; n != nil; n = n.Next {
		fmt.Print(n.Val, " ")
	}
	fmt.Println()

	// pointer to array element and struct field
	arr := [3]int{1, 2, 3}
	pe := &arr[1]
	*pe = 200
	fmt.Println(arr)
	pf := &c.n
	*pf = 1000
	fmt.Println(c.n)
	// pointer to pointer
	pp := &p
	**pp = 5
	fmt.Println(x)
	// slice element pointer
	s := []int{1, 2, 3}
	ps := &s[2]
	*ps = 33
	fmt.Println(s)
	var nilp *Node
	fmt.Println(nilp == nil, head != nil)
	println(*p, c.n)
}
