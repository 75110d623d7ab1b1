// run

package main

import "fmt"

type Elem struct {
	Val        string
	Prev, Next *Elem
}

type List struct {
	Head, Tail *Elem
	Len        int
}

func pushBack(l *List, v string) *Elem {
	e := &Elem{Val: v, Prev: l.Tail}
	if l.Tail != nil {
		l.Tail.Next = e
	} else {
		l.Head = e
	}
	l.Tail = e
	l.Len++
	return e
}

func pushFront(l *List, v string) *Elem {
	e := &Elem{Val: v, Next: l.Head}
	if l.Head != nil {
		l.Head.Prev = e
	} else {
		l.Tail = e
	}
	l.Head = e
	l.Len++
	return e
}

func remove(l *List, e *Elem) {
	if e.Prev != nil {
		e.Prev.Next = e.Next
	} else {
		l.Head = e.Next
	}
	if e.Next != nil {
		e.Next.Prev = e.Prev
	} else {
		l.Tail = e.Prev
	}
	e.Prev, e.Next = nil, nil
	l.Len--
}

func forward(l *List) string {
	s := "["
	for e := l.Head; e != nil; e = e.Next {
		if e != l.Head {
			s += " "
		}
		s += e.Val
	}
	return s + "]"
}

func backward(l *List) string {
	s := "["
	for e := l.Tail; e != nil; e = e.Prev {
		s += e.Val
		if e.Prev != nil {
			s += " "
		}
	}
	return s + "]"
}

// stack built from a singly linked list of ints
type Stack struct {
	top  *node
	size int
}

type node struct {
	v    int
	next *node
}

func push(s *Stack, v int) { s.top = &node{v, s.top}; s.size++ }
func pop(s *Stack) int {
	v := s.top.v
	s.top = s.top.next
	s.size--
	return v
}

func balanced(expr string) bool {
	var st Stack
	for _, c := range expr {
		switch c {
		case '(', '[', '{':
			push(&st, int(c))
		case ')', ']', '}':
			if st.size == 0 {
				return false
			}
			o := rune(pop(&st))
			if o == '(' && c != ')' || o == '[' && c != ']' || o == '{' && c != '}' {
				return false
			}
		}
	}
	return st.size == 0
}

func main() {
	var l List
	b := pushBack(&l, "b")
	pushBack(&l, "c")
	pushFront(&l, "a")
	d := pushBack(&l, "d")
	fmt.Println(forward(&l), backward(&l), l.Len)
	remove(&l, b)
	fmt.Println(forward(&l), backward(&l), l.Len)
	remove(&l, d)
	remove(&l, l.Head)
	fmt.Println(forward(&l), backward(&l), l.Len, l.Head == l.Tail)
	remove(&l, l.Head)
	fmt.Println(forward(&l), l.Head == nil, l.Tail == nil, l.Len)
	var s Stack
	for i := 1; i <= 5; i++ {
		push(&s, i*i)
	}
	for s.size > 0 {
		fmt.Print(pop(&s), " ")
	}
	fmt.Println()
	for _, e := range []string{"([]{})", "([)]", "((", "", "{[()()]}", ")"} {
		fmt.Printf("%q %v\n", e, balanced(e))
	}
	println(l.Len)
}
