// run

package main

import "fmt"

func permutations(xs []int) [][]int {
	var out [][]int
	var rec func(k int)
	rec = func(k int) {
		if k == len(xs) {
			out = append(out, append([]int(nil), xs...))
			return
		}
		for i := k; i < len(xs); i++ {
			xs[k], xs[i] = xs[i], xs[k]
			rec(k + 1)
			xs[k], xs[i] = xs[i], xs[k]
		}
	}
	rec(0)
	return out
}

func subsets(s string) []string {
	var out []string
	n := len(s)
	for mask := 0; mask < 1<<n; mask++ {
		sub := ""
		for i := 0; i < n; i++ {
			if mask&(1<<i) != 0 {
				sub += s[i : i+1]
			}
		}
		out = append(out, "{"+sub+"}")
	}
	return out
}

func combinations(n, k int) [][]int {
	var out [][]int
	cur := make([]int, 0, k)
	var rec func(start int)
	rec = func(start int) {
		if len(cur) == k {
			c := make([]int, k)
			copy(c, cur)
			out = append(out, c)
			return
		}
		for i := start; i <= n; i++ {
			cur = append(cur, i)
			rec(i + 1)
			cur = cur[:len(cur)-1]
		}
	}
	rec(1)
	return out
}

// next lexicographic permutation on an array of bytes
func nextPerm(a []byte) bool {
	i := len(a) - 2
	for i >= 0 && a[i] >= a[i+1] {
		i--
	}
	if i < 0 {
		return false
	}
	j := len(a) - 1
	for a[j] <= a[i] {
		j--
	}
	a[i], a[j] = a[j], a[i]
	for l, r := i+1, len(a)-1; l < r; l, r = l+1, r-1 {
		a[l], a[r] = a[r], a[l]
	}
	return true
}

func main() {
	ps := permutations([]int{1, 2, 3})
	fmt.Println(len(ps), ps)
	fmt.Println(len(permutations([]int{1, 2, 3, 4, 5, 6})))
	fmt.Println(subsets("abc"))
	fmt.Println(combinations(5, 3))
	w := []byte("aabc")
	n := 1
	fmt.Print(string(w))
	for nextPerm(w) {
		fmt.Print(" ", string(w))
		n++
	}
	fmt.Println()
	fmt.Println(n)
	println(len(ps))
}
