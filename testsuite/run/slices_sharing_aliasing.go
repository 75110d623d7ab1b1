// run

package main

import "fmt"

func main() {
	base := make([]int, 5, 10)
	for i := range base {
		base[i] = i * 10
	}
	a := base[1:3]
	fmt.Println(a, len(a), cap(a))
	a = append(a, 99) // writes into base[3]
	fmt.Println(base, a)
	b := base[2:4:4]
	fmt.Println(b, len(b), cap(b))
	b = append(b, 77) // reallocates, base unchanged
	b[0] = -1
	fmt.Println(base, b, len(b), cap(b))
	c := base[:0]
	fmt.Println(len(c), cap(c))
	c = base[:cap(base)]
	fmt.Println(c)
	d := base[8:10]
	fmt.Println(d, len(d), cap(d))
	e := base[3:5:7]
	fmt.Println(e, len(e), cap(e))
	e = e[:cap(e)]
	fmt.Println(e)
	// reslicing a reslice
	f := base[1:9]
	g := f[2:4]
	g[1] = 555
	fmt.Println(base[4], f[3], g)
	// make with len only
	m := make([]string, 3)
	fmt.Printf("%q %d %d\n", m, len(m), cap(m))
	// slice of arrays
	arr := [6]int{1, 2, 3, 4, 5, 6}
	s := arr[:]
	s[5] = 60
	fmt.Println(arr)
	s2 := arr[2:4:5]
	s2 = append(s2, 50)
	fmt.Println(arr, s2)
	s2 = append(s2, 51)
	s2[0] = 0
	fmt.Println(arr, s2)
	// nil vs empty
	var ns []int
	es := []int{}
	fmt.Println(ns == nil, es == nil, len(ns), len(es), ns[:0] == nil)
	// slices of slices
	grid := make([][]int, 3)
	for i := range grid {
		grid[i] = make([]int, i+1)
		for j := range grid[i] {
			grid[i][j] = i + j
		}
	}
	fmt.Println(grid)
	alias := grid[1]
	alias[0] = 1000
	fmt.Println(grid)
	str := "hello world"
	fmt.Println(str[6:], str[:5], str[3:8])
	println(len(base), cap(base[2:]))
}
