// run

package main

import "fmt"

func main() {
	src := []int{1, 2, 3, 4, 5}
	dst := make([]int, 3)
	n := copy(dst, src)
	fmt.Println(n, dst)
	dst = make([]int, 8)
	n = copy(dst, src)
	fmt.Println(n, dst)
	// overlapping copy forwards and backwards
	s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	n = copy(s[2:], s)
	fmt.Println(n, s)
	s = []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	n = copy(s, s[3:])
	fmt.Println(n, s)
	// copy from string
	b := make([]byte, 5)
	n = copy(b, "héllo")
	fmt.Println(n, b, string(b))
	n = copy(b[3:], "XYZW")
	fmt.Println(n, string(b))
	// copy into empty / nil
	var nilS []int
	fmt.Println(copy(nilS, src), copy(src, nilS))
	// copy between arrays through slices
	var a1 [4]string
	a2 := [3]string{"x", "y", "z"}
	n = copy(a1[1:], a2[:])
	fmt.Printf("%d %q\n", n, a1)
	// copy structs
	type P struct{ X, Y int }
	ps := []P{{1, 2}, {3, 4}}
	qs := make([]P, 2)
	copy(qs, ps)
	qs[0].X = 100
	fmt.Println(ps, qs)
	// insert using copy
	ins := []int{1, 2, 4, 5}
	ins = append(ins, 0)
	copy(ins[3:], ins[2:])
	ins[2] = 3
	fmt.Println(ins)
	// delete using copy
	del := []string{"a", "b", "c", "d"}
	del = del[:1+copy(del[1:], del[2:])]
	fmt.Println(del, len(del))
	println(copy(make([]byte, 100), "short"))
}
