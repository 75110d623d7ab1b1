// run

package main

import "fmt"

func sum(n int) int {
	if n == 0 {
		return 0
	}
	return n + sum(n-1)
}

type frame struct {
	a, b, c, d int64
	pad       [8]int64
}

func heavy(n int, f frame) int64 {
	if n == 0 {
		return f.a + f.b + f.c + f.d
	}
	f.a++
	f.pad[n%8] += int64(n)
	return heavy(n-1, f) + f.pad[n%8]%3
}

func depth(s []int, n int) int {
	if n == 0 {
		return len(s)
	}
	var local [16]int
	local[n%16] = n
	return depth(s, n-1) + local[n%16] - n
}

func main() {
	fmt.Println(sum(100000))
	fmt.Println(sum(1000000))
	fmt.Println(heavy(50000, frame{b: 1, c: 2, d: 3}))
	fmt.Println(depth([]int{1, 2, 3}, 200000))
	println(sum(10))
}
