// run

package main

import (
	"errors"
	"fmt"
)

type node struct {
	next *node
	val  int
}

func index(s []int, i int) int { return s[i] }

func divide(a, b int) int { return a / b }

func deref(n *node) int { return n.val }

func slice(s []int, lo, hi int) []int { return s[lo:hi] }

func deep(n int) int {
	if n == 0 {
		panic(fmt.Sprintf("deep panic at depth %d", n))
	}
	var pad [32]int
	pad[n%32] = n
	return deep(n-1) + pad[n%32]
}

// safely runs f in a new goroutine that recovers its own panic and reports
// what it recovered.
func safely(name string, f func() int) string {
	out := make(chan string)
	go func() {
		defer func() {
			r := recover()
			if e, ok := r.(error); ok {
				out <- fmt.Sprintf("%s: recovered error %q", name, e.Error())
				return
			}
			out <- fmt.Sprintf("%s: recovered %v", name, r)
		}()
		v := f()
		out <- fmt.Sprintf("%s: returned %d", name, v)
	}()
	return <-out
}

func main() {
	s := []int{1, 2, 3}
	var nilNode *node
	zero := 0
	fmt.Println(safely("no panic", func() int { return 42 }))
	fmt.Println(safely("string", func() int { panic("boom") }))
	fmt.Println(safely("int", func() int { panic(7) }))
	fmt.Println(safely("error", func() int { panic(errors.New("custom error")) }))
	fmt.Println(safely("index", func() int { return index(s, 5) }))
	fmt.Println(safely("negative index", func() int { return index(s, zero-1) }))
	fmt.Println(safely("divide", func() int { return divide(1, zero) }))
	fmt.Println(safely("nil deref", func() int { return deref(nilNode) }))
	fmt.Println(safely("slice", func() int { return len(slice(s, 2, 10)) }))
	fmt.Println(safely("deep", func() int { return deep(10000) }))

	// Many goroutines panicking and recovering at the same time; each result
	// goes to its own slot.
	const n = 200
	results := make([]int, n)
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func(i int) {
			defer func() {
				if r := recover(); r != nil {
					results[i] = -1
				}
				done <- true
			}()
			if i%3 == 0 {
				results[i] = index(s, i)
			} else {
				results[i] = i
			}
		}(i)
	}
	recovered, sum := 0, 0
	for i := 0; i < n; i++ {
		<-done
	}
	for i := 0; i < n; i++ {
		if results[i] == -1 {
			recovered++
		} else {
			sum += results[i]
		}
	}
	fmt.Println("recovered", recovered, "sum", sum)

	// A recovered panic in one goroutine does not affect main's own recover.
	defer func() {
		fmt.Println("main recovered:", recover())
	}()
	fmt.Println(safely("before main panics", func() int { panic("goroutine panic") }))
	panic("main panic")
}
