// run

// Runtime calls (println, fmt.Sprintf, append, string concatenation) at every
// depth of a recursion, so that stack growth happens right at the boundary of
// calls into the runtime.
package main

import "fmt"

func level(n int, acc []int, s string) ([]int, string) {
	if n == 0 {
		return acc, s
	}
	acc = append(acc, n)
	if n%10000 == 0 {
		println("level", n, len(acc))
		s += fmt.Sprintf("<%d:%d>", n, cap(acc) >= len(acc))
	}
	return level(n-1, acc, s)
}

func main() {
	acc, s := level(100000, nil, "")
	sum := 0
	for _, v := range acc {
		sum += v
	}
	fmt.Println(len(acc), sum, s)
}
