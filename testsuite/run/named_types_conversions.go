// run

package main

import "fmt"

type Meters int
type Feet int
type Name string
type Vec [3]float64
type IntList []int
type Temp float64
type Flag bool
type Point struct{ X, Y int }
type Pt Point
type Op func(int, int) int
type Ptr *int

func total(l IntList) int {
	s := 0
	for _, v := range l {
		s += v
	}
	return s
}

func apply(op Op, a, b int) int { return op(a, b) }

func main() {
	var m Meters = 100
	f := Feet(m * 3)
	fmt.Println(m, f, int(m)+int(f))
	m += 5
	m *= 2
	fmt.Println(m, m > 200)
	var n Name = "gopher"
	fmt.Println(n, len(n), n+"!", string(n[0:2]))
	v := Vec{1, 2, 3}
	w := v
	w[0] = 10
	fmt.Println(v, w)
	l := IntList{1, 2, 3}
	l = append(l, 4)
	fmt.Println(total(l), total([]int{5, 5}), len(l))
	var t Temp = 36.6
	fmt.Println(t, t*2, float64(t)+0.4)
	var fl Flag = true
	fmt.Println(fl, !fl, fl && true)
	p := Point{1, 2}
	q := Pt(p)
	q.X = 9
	fmt.Println(p, q, Point(q) == Point{9, 2})
	var op Op = func(a, b int) int { return a*10 + b }
	fmt.Println(apply(op, 4, 2), apply(func(a, b int) int { return a - b }, 4, 2))
	x := 5
	var ptr Ptr = &x
	*ptr = 6
	fmt.Println(x)
	type Local uint8
	var lc Local = 250
	lc += 10
	fmt.Println(lc)
	bs := []byte(n)
	fmt.Println(bs, Name(bs))
	println(m, f, n)
}
