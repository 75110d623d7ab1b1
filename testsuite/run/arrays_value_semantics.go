// run

package main

import "fmt"

type Grid [3][3]int

func modify(a [4]int) [4]int {
	a[0] = 100
	return a
}

func modifyPtr(a *[4]int) {
	a[1] = 200
	(*a)[2] = 300
}

func identity() Grid {
	var g Grid
	for i := 0; i < 3; i++ {
		g[i][i] = 1
	}
	return g
}

func main() {
	a := [4]int{1, 2, 3, 4}
	b := a
	b[0] = 99
	fmt.Println(a, b)
	c := modify(a)
	fmt.Println(a, c)
	modifyPtr(&a)
	fmt.Println(a)
	fmt.Println(a == [4]int{1, 200, 300, 4}, a != b)

	g := identity()
	h := g
	h[1][2] = 7
	fmt.Println(g, h)
	row := g[0]
	row[1] = 5
	fmt.Println(g[0], row)

	var zero [5]string
	fmt.Println(len(zero), zero[2] == "", zero)
	idx := [...]string{2: "two", 0: "zero", 5: "five"}
	fmt.Println(len(idx), idx)
	fmt.Printf("%q\n", idx)

	arrs := [2][2]bool{{true, false}, {false, true}}
	cp := arrs
	cp[0][0] = false
	fmt.Println(arrs, cp)

	// array in a struct is copied with the struct
	type S struct {
		vals [3]int
	}
	s1 := S{[3]int{1, 2, 3}}
	s2 := s1
	s2.vals[2] = 30
	fmt.Println(s1, s2)

	// arrays of arrays compare element-wise
	fmt.Println([2][2]int{{1, 2}, {3, 4}} == [2][2]int{{1, 2}, {3, 4}})

	// slicing an array shares storage
	sl := a[1:3]
	sl[0] = -1
	fmt.Println(a, sl, len(sl), cap(sl))

	// range over array iterates over a copy
	arr := [3]int{1, 2, 3}
	for i, v := range arr {
		arr[2] = 100
		fmt.Println(i, v)
	}
	fmt.Println(arr)
	// range over pointer to array sees updates
	arr2 := [3]int{1, 2, 3}
	for i, v := range &arr2 {
		arr2[2] = 100
		fmt.Println(i, v)
	}
	println(len(a), a[3])
}
