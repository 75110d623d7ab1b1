// run

package main

import "fmt"

var memo []int

func fib(n int) int {
	if n < 2 {
		return n
	}
	for len(memo) <= n {
		memo = append(memo, -1)
	}
	if memo[n] >= 0 {
		return memo[n]
	}
	r := fib(n-1) + fib(n-2)
	memo[n] = r
	return r
}

func fibNaive(n int) int {
	if n < 2 {
		return n
	}
	return fibNaive(n-1) + fibNaive(n-2)
}

// memo passed explicitly via pointer to slice
func fibWith(n int, m *[]int) int {
	if n < len(*m) && (*m)[n] != 0 {
		return (*m)[n]
	}
	var r int
	if n < 2 {
		r = n
	} else {
		r = fibWith(n-1, m) + fibWith(n-2, m)
	}
	for len(*m) <= n {
		*m = append(*m, 0)
	}
	(*m)[n] = r
	return r
}

// longest common subsequence with a 2D table of slices
func lcs(a, b string) int {
	t := make([][]int, len(a)+1)
	for i := range t {
		t[i] = make([]int, len(b)+1)
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				t[i][j] = t[i-1][j-1] + 1
			} else if t[i-1][j] > t[i][j-1] {
				t[i][j] = t[i-1][j]
			} else {
				t[i][j] = t[i][j-1]
			}
		}
	}
	return t[len(a)][len(b)]
}

// coin change count with a 1D table
func ways(amount int, coins []int) int {
	dp := make([]int, amount+1)
	dp[0] = 1
	for _, c := range coins {
		for v := c; v <= amount; v++ {
			dp[v] += dp[v-c]
		}
	}
	return dp[amount]
}

func main() {
	for _, n := range []int{0, 1, 2, 10, 50, 90} {
		fmt.Println("fib", n, fib(n))
	}
	fmt.Println(len(memo), fibNaive(25))
	var m []int
	fmt.Println(fibWith(80, &m), len(m))
	fmt.Println(lcs("AGGTAB", "GXTXAYB"), lcs("kitten", "sitting"), lcs("", "abc"))
	fmt.Println(ways(100, []int{1, 5, 10, 25, 50}), ways(10, []int{2, 3}))
	println(fib(40))
}
