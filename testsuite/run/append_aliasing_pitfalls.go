// run

package main

import "fmt"

func appendOne(s []int) []int {
	return append(s, 1)
}

func main() {
	// two appends to the same base share the backing array when capacity allows
	base := make([]int, 3, 10)
	a := append(base, 100)
	b := append(base, 200)
	fmt.Println(a[3], b[3], len(base), len(a), len(b))

	// with full capacity, appends allocate separately
	full := []int{1, 2, 3}
	c := append(full, 100)
	d := append(full, 200)
	fmt.Println(c[3], d[3], cap(full), cap(c), cap(d))

	// limiting capacity with a three-index slice forces a copy
	e := append(base[:3:3], 300)
	f := append(base[:3:3], 400)
	fmt.Println(e[3], f[3], a[3])

	// function receives a slice header copy
	s := make([]int, 0, 5)
	t := appendOne(s)
	fmt.Println(len(s), len(t), s[:1][0])

	// appending a slice to itself
	self := []int{1, 2, 3}
	self = append(self, self...)
	fmt.Println(self, len(self), cap(self))
	self = append(self[:2], self[3:]...)
	fmt.Println(self, len(self), cap(self))

	// overlapping append within the same array
	arr := [8]int{1, 2, 3, 4, 5, 6, 7, 8}
	x := append(arr[:2], arr[4:6]...)
	fmt.Println(x, arr)

	// growing from a sub-slice
	sub := arr[6:7]
	fmt.Println(len(sub), cap(sub))
	sub = append(sub, 70)
	fmt.Println(arr, sub)
	sub = append(sub, 80)
	sub[0] = 0
	fmt.Println(arr, sub, cap(sub))

	// string append to byte slice
	bs := append([]byte("go"), "pher"...)
	bs2 := append(bs[:2], "lang"...)
	fmt.Println(string(bs), string(bs2))

	// nil slices
	var ns []string
	ns = append(ns, ns...)
	fmt.Println(ns == nil, len(ns))
	ns = append(ns, "x")
	fmt.Println(ns, cap(ns))
	println(len(self), cap(self))
}
