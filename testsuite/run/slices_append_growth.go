// run

package main

import "fmt"

func main() {
	var s []int
	fmt.Println(s == nil, len(s), cap(s))
	prev := -1
	for i := 0; i < 2000; i++ {
		s = append(s, i)
		if cap(s) != prev {
			fmt.Println("len", len(s), "cap", cap(s))
			prev = cap(s)
		}
	}
	var b []byte
	prev = -1
	for i := 0; i < 3000; i++ {
		b = append(b, byte(i))
		if cap(b) != prev {
			fmt.Println("bytes len", len(b), "cap", cap(b))
			prev = cap(b)
		}
	}
	type big struct {
		a, b, c int64
	}
	var bs []big
	prev = -1
	for i := 0; i < 100; i++ {
		bs = append(bs, big{int64(i), 0, 0})
		if cap(bs) != prev {
			fmt.Println("struct len", len(bs), "cap", cap(bs))
			prev = cap(bs)
		}
	}
	// appending several at once
	x := []int{1, 2, 3}
	x = append(x, 4, 5, 6, 7)
	fmt.Println(x, len(x), cap(x))
	y := append([]int(nil), 1, 2, 3, 4, 5)
	fmt.Println(y, len(y), cap(y))
	z := append(make([]int, 0, 1), x...)
	fmt.Println(z, len(z), cap(z))
	var strs []string
	for i := 0; i < 10; i++ {
		strs = append(strs, fmt.Sprint(i))
		fmt.Print(cap(strs), " ")
	}
	fmt.Println()
	// append of nothing
	e := append(x)
	fmt.Println(len(e), cap(e))
	var n []int
	n = append(n)
	fmt.Println(n == nil)
	println(len(s), cap(s))
}
