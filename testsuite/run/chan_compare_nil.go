// run

package main

import "fmt"

type holder struct {
	c    chan int
	name string
}

func main() {
	var a chan int
	b := make(chan int)
	c := make(chan int)
	d := b
	fmt.Println("nil == nil:", a == nil, nil == a)
	fmt.Println("made != nil:", b != nil)
	fmt.Println("same channel:", b == d)
	fmt.Println("different channels:", b == c)

	// Channels as struct fields and array elements compare by identity.
	h1 := holder{b, "x"}
	h2 := holder{d, "x"}
	h3 := holder{c, "x"}
	fmt.Println("structs:", h1 == h2, h1 == h3)
	arr1 := [2]chan int{b, c}
	arr2 := [2]chan int{d, c}
	fmt.Println("arrays:", arr1 == arr2)

	// In interface values too.
	var i1 interface{} = b
	var i2 interface{} = d
	var i3 interface{} = c
	var i4 interface{} = a
	fmt.Println("interfaces:", i1 == i2, i1 == i3, i4 == nil, i4 == interface{}(a))
	if ch, ok := i1.(chan int); ok {
		fmt.Println("assertion ok, same channel:", ch == b)
	}
	_, ok := i1.(chan string)
	fmt.Println("wrong element type:", ok)
	_, ok = i1.(<-chan int)
	fmt.Println("different direction is a different type:", ok)

	// A channel assigned through a pointer.
	p := &a
	*p = c
	fmt.Println("through pointer:", a == c)
}
