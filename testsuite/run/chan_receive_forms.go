// run

package main

import "fmt"

type rec struct {
	a, b int
}

var order []string

func note(s string, v int) int {
	order = append(order, s)
	return v
}

func id(c chan int, name string) chan int {
	order = append(order, name)
	return c
}

func sum3(a, b, c int) int { return a + b + c }

func main() {
	c := make(chan int, 20)
	for i := 1; i <= 20; i++ {
		c <- i
	}

	// Receive as an expression in many positions.
	x := <-c
	var y int
	y = <-c
	arr := [3]int{}
	arr[1] = <-c
	s := []int{0, 0}
	s[0] = <-c
	var r rec
	r.b = <-c
	p := &r
	p.a = <-c
	q := new(int)
	*q = <-c
	fmt.Println(x, y, arr, s, r, *q)

	// Operands are received left to right.
	fmt.Println(<-c - <-c)
	fmt.Println(sum3(<-c, <-c*10, <-c*100))
	v := []int{<-c, <-c}
	fmt.Println(v, len(c))

	// A receive statement discards the value.
	<-c
	fmt.Println("after discarding:", <-c)

	// Receives interleave with calls in source order.
	order = nil
	t := note("first", 1) + <-id(c, "chan") + note("last", 2)
	fmt.Println(t, order)

	// Parenthesised receives, receive of a receive, and a received function
	// called at once.
	cc := make(chan chan int, 1)
	inner := make(chan int, 1)
	inner <- 99
	cc <- inner
	fmt.Println(<-(<-cc))
	fc := make(chan func(int) int, 1)
	fc <- func(n int) int { return n * 3 }
	fmt.Println((<-fc)(14))
	ac := make(chan [3]int, 1)
	ac <- [3]int{4, 5, 6}
	fmt.Println((<-ac)[1])
	rc := make(chan rec, 1)
	rc <- rec{7, 8}
	fmt.Println((<-rc).b)

	// Tuple assignment with a receive on the right.
	d := make(chan int, 2)
	d <- 1
	d <- 2
	m, n := <-d, <-d
	m, n = n, m
	fmt.Println(m, n)

	// Sending the result of a receive, and op-assignment with receives.
	e := make(chan int, 2)
	f := make(chan int, 1)
	e <- 5
	f <- <-e
	total := 10
	f2 := make(chan int, 1)
	f2 <- 3
	total += <-f
	total *= <-f2
	fmt.Println("total:", total)
	if <-func() chan int { e <- 1; return e }() == 1 {
		fmt.Println("receive in a condition")
	}
	switch e <- 2; <-e {
	case 2:
		fmt.Println("receive as a switch tag")
	}
}
