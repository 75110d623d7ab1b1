// run

// Recoveries into open-coded frames that have no aggregate frame of their own give
// back the aggregate-stack space of the frames they unwind: 10,000 recovered panics
// that each abandon a 128 KiB local would otherwise exceed the 1 GB stack limit.
package main

import "fmt"

type big struct{ a [1 << 14]int }

func work(i int) {
	var b big
	b.a[i%len(b.a)] = i
	if b.a[i%len(b.a)] == i {
		panic("x")
	}
}

func try(i int) {
	defer func() { recover() }()
	work(i)
}

func try2(i int) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	work(i)
	return true
}

func main() {
	for i := 0; i < 5000; i++ {
		try(i)
		try2(i)
	}
	fmt.Println("done")
}
