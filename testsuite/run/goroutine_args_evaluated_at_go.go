// run

package main

import "fmt"

type point struct {
	x, y int
}

var trace []string

func arg(tag string, v int) int {
	trace = append(trace, tag)
	return v
}

func report(done chan string, tag string, a int, p point, arr [3]int, s []int, q *int) {
	done <- fmt.Sprint(tag, " a=", a, " p=", p, " arr=", arr, " s=", s, " *q=", *q)
}

func first(done chan string, v int)  { done <- fmt.Sprint("first ", v) }
func second(done chan string, v int) { done <- fmt.Sprint("second ", v) }

func main() {
	done := make(chan string)
	release := make(chan bool)

	// Arguments (including struct and array values) are copied at the go
	// statement; the slice and the pointer share memory with main.
	a := 1
	p := point{1, 2}
	arr := [3]int{1, 2, 3}
	s := []int{1, 2, 3}
	q := new(int)
	*q = 7
	go func(a int, p point, arr [3]int, s []int, q *int) {
		<-release
		report(done, "closure params:", a, p, arr, s, q)
	}(a, p, arr, s, q)
	a = 100
	p.x = 100
	arr[0] = 100
	s[0] = 100
	*q = 700
	release <- true
	fmt.Println(<-done)

	// A direct call of a named function: arguments evaluated now, in order.
	go report(done, "direct call:", arg("a", a), p, arr, s[:arg("len", 2)], q)
	fmt.Println("evaluated before the goroutine ran:", trace)
	fmt.Println(<-done)

	// The function value is evaluated at the go statement too.
	f := first
	go f(done, arg("f arg", 1))
	f = second
	fmt.Println(<-done)
	go f(done, 2)
	fmt.Println(<-done)

	// Each goroutine gets its own copy of the loop variable as an argument.
	results := make(chan int, 5)
	for i := 0; i < 5; i++ {
		go func(n int) {
			results <- n * n
		}(i)
	}
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-results
	}
	fmt.Println("sum of squares:", sum)

	// Closures capture variables, not values: the goroutine sees later writes
	// made before it is released.
	shared := 1
	go func() {
		<-release
		done <- fmt.Sprint("closure sees shared = ", shared)
	}()
	shared = 2
	release <- true
	fmt.Println(<-done)
	fmt.Println("trace:", trace)
}
