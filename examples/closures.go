package main

import "fmt"

type Point struct{ X, Y int }

func counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func main() {
	next := counter()
	next()
	next()
	fmt.Println("counter:", next())

	pts := []Point{{1, 2}, {3, 4}}
	pts = append(pts, Point{5, 6})
	sum := 0
	for _, p := range pts {
		sum += p.X * p.Y
	}
	fmt.Printf("%d points, %+v, sum %d\n", len(pts), pts[2], sum)

	var xs []int
	xs = append(xs, 0)
	println("len", len(xs), "index 3 panics next")
	_ = xs[3]
}
