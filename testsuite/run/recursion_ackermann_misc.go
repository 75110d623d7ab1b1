// run

package main

import "fmt"

func ackermann(m, n int) int {
	switch {
	case m == 0:
		return n + 1
	case n == 0:
		return ackermann(m-1, 1)
	}
	return ackermann(m-1, ackermann(m, n-1))
}

func power(base, exp int) int {
	if exp == 0 {
		return 1
	}
	half := power(base, exp/2)
	if exp%2 == 0 {
		return half * half
	}
	return half * half * base
}

func binom(n, k int) int {
	if k == 0 || k == n {
		return 1
	}
	return binom(n-1, k-1) + binom(n-1, k)
}

func digits(n int) []int {
	if n < 10 {
		return []int{n}
	}
	return append(digits(n/10), n%10)
}

func flatten(depth int) []string {
	if depth == 0 {
		return []string{"leaf"}
	}
	var out []string
	for i := 0; i < 2; i++ {
		for _, s := range flatten(depth - 1) {
			out = append(out, fmt.Sprint(depth, ".", i, "/", s))
		}
	}
	return out
}

// tail-recursive style with accumulator, deep
func countDown(n, acc int) int {
	if n == 0 {
		return acc
	}
	return countDown(n-1, acc+n%7)
}

func main() {
	for m := 0; m <= 3; m++ {
		for n := 0; n <= 4; n++ {
			fmt.Print(ackermann(m, n), " ")
		}
		fmt.Println()
	}
	fmt.Println(power(2, 62), power(3, 39), power(-2, 63), power(7, 0))
	for n := 0; n <= 6; n++ {
		for k := 0; k <= n; k++ {
			fmt.Print(binom(n, k), " ")
		}
		fmt.Println()
	}
	fmt.Println(digits(9876543210), digits(0))
	fmt.Println(flatten(2))
	fmt.Println(countDown(500000, 0))
	println(ackermann(2, 3))
}
