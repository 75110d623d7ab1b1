// run

package main

import "fmt"

const N = 8

var cols [N]bool
var diag1 [2 * N]bool
var diag2 [2 * N]bool
var placement [N]int
var solutions int
var first [N]int

func solve(row int) {
	if row == N {
		if solutions == 0 {
			first = placement
		}
		solutions++
		return
	}
	for c := 0; c < N; c++ {
		if cols[c] || diag1[row+c] || diag2[row-c+N] {
			continue
		}
		cols[c], diag1[row+c], diag2[row-c+N] = true, true, true
		placement[row] = c
		solve(row + 1)
		cols[c], diag1[row+c], diag2[row-c+N] = false, false, false
	}
}

// generic size with slices
func count(n int) int {
	used := make([]bool, n)
	d1 := make([]bool, 2*n)
	d2 := make([]bool, 2*n)
	var rec func(r int) int
	rec = func(r int) int {
		if r == n {
			return 1
		}
		total := 0
		for c := 0; c < n; c++ {
			if !used[c] && !d1[r+c] && !d2[r-c+n] {
				used[c], d1[r+c], d2[r-c+n] = true, true, true
				total += rec(r + 1)
				used[c], d1[r+c], d2[r-c+n] = false, false, false
			}
		}
		return total
	}
	return rec(0)
}

func main() {
	solve(0)
	fmt.Println("solutions:", solutions)
	fmt.Println("first:", first)
	for r := 0; r < N; r++ {
		line := []byte("........")
		line[first[r]] = 'Q'
		fmt.Println(string(line))
	}
	for n := 1; n <= 9; n++ {
		fmt.Print(count(n), " ")
	}
	fmt.Println()
	println(solutions)
}
