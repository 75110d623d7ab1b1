// run

package main

import (
	"fmt"
)

type T struct {
}

func mix(v int) {
}
func note(tag string, v int) {
	mix(v)
}
func noteT(tag string, t T) {
}
func noteA(tag string, a [4]int) {
}
func noteS(tag string, s []int) {
}
func rec(d int) (res int) {
	defer mix(d)
	if d == 0 {
		z := d
		res = 100 / z
	}
	return rec(d-1) + 1
}
func f0(x int) (res int) {
	v := 12
	g := func(a int) {
		defer func() {
			f2(res - 1)
		}()
		f3(7)
	}
	defer g(v)
	v += rec(1000)
	return v + res*6
}
func f2(x int) (res int) {
	v := x*4 + 1
	if r := recover(); r != nil {
		fmt.Println("f2 recovered", r)
	}
	t := T{}
	a := [4]int{1, x - 4, 3, v + 4}
	s := []int{v * 6, 5}
	defer noteT("t", t)
	defer noteA("a", a)
	defer noteS("s", s)
	s = append(s, v)
	return v + (v ^ 2)
}
func f3(x int) (res int) {
	v := x*6 + 6
	defer func() {
		if r := recover(); r != nil {
		}
		if r := recover(); r != nil {
		}
		defer note("note", res+1)
	}()
	panic("second")
	return v + v
}
func case1() {
	defer func() {
		fmt.Println("end", recover())
	}()
	f0(2)
}
func main() {
	case1()
}
