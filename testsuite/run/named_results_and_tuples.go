// run

package main

import "fmt"

func divmod(a, b int) (q, r int) {
	q = a / b
	r = a % b
	return
}

func minmax(xs []int) (min, max int) {
	min, max = xs[0], xs[0]
	for _, x := range xs[1:] {
		if x < min {
			min = x
		}
		if x > max {
			max = x
		}
	}
	return
}

func override() (x int) {
	x = 5
	return 10 // explicit value wins
}

func shadowNamed() (n int, s string) {
	n = 1
	{
		n := 2
		_ = n
	}
	s = "named"
	return
}

func three() (int, string, bool) { return 3, "three", true }

func passThrough(a int, b string, c bool) string {
	return fmt.Sprint(a, b, c)
}

func swap(a, b string) (string, string) { return b, a }

func zeroNamed() (i int, f float64, s string, p *int, sl []int, b bool) {
	return
}

func main() {
	q, r := divmod(47, 6)
	fmt.Println(q, r)
	lo, hi := minmax([]int{5, -3, 12, 8, 0})
	fmt.Println(lo, hi)
	fmt.Println(override())
	fmt.Println(shadowNamed())
	fmt.Println(passThrough(three()))
	a, b := swap("x", "y")
	fmt.Println(a, b)
	a, b = b, a
	fmt.Println(a, b)
	i, f, s, p, sl, bo := zeroNamed()
	fmt.Println(i, f, s == "", p == nil, sl == nil, bo)

	// tuple assignment evaluates all right-hand sides first
	x, y, z := 1, 2, 3
	x, y, z = z, x, y
	fmt.Println(x, y, z)
	arr := []int{10, 20, 30}
	k := 0
	k, arr[k] = 1, 99 // index evaluated before assignment
	fmt.Println(k, arr)
	arr[0], arr[2] = arr[2], arr[0]
	fmt.Println(arr)
	// fibonacci via tuple assignment
	m, n := 0, 1
	for j := 0; j < 30; j++ {
		m, n = n, m+n
	}
	fmt.Println(m)
	_, second, _ := three()
	fmt.Println(second)
	var u, v int = divmod(100, 7)
	fmt.Println(u, v)
	println(q, r, lo, hi)
}
