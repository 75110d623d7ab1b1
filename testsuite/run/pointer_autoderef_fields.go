// run

package main

import "fmt"

type Vec struct{ X, Y int }

type Body struct {
	Pos, Vel Vec
	Mass     int
	Tags     [2]string
	Hist     []Vec
}

type World struct {
	Bodies [3]*Body
	Count  int
}

func step(b *Body) {
	b.Pos.X += b.Vel.X
	b.Pos.Y += b.Vel.Y
	b.Hist = append(b.Hist, b.Pos)
}

func main() {
	b := &Body{Pos: Vec{0, 0}, Vel: Vec{1, 2}, Mass: 10}
	for i := 0; i < 3; i++ {
		step(b)
	}
	fmt.Println(b.Pos, b.Hist, len(b.Hist))
	pv := &b.Vel
	pv.X = -1
	step(b)
	fmt.Println(b.Pos, b.Vel)
	b.Tags[0] = "fast"
	pt := &b.Tags
	pt[1] = "heavy"
	fmt.Println(b.Tags, len(pt))
	var w World
	for i := range w.Bodies {
		w.Bodies[i] = &Body{Mass: i + 1}
		w.Count++
	}
	w.Bodies[1].Vel = Vec{5, 5}
	step(w.Bodies[1])
	total := 0
	for _, bd := range w.Bodies {
		total += bd.Mass
	}
	fmt.Println(w.Count, total, w.Bodies[1].Pos, *w.Bodies[2])
	pw := &w
	pw.Bodies[0].Mass = 100
	fmt.Println(w.Bodies[0].Mass)
	// copying a struct with pointer fields shares the pointees
	w2 := w
	w2.Bodies[2].Mass = 33
	w2.Count = 0
	fmt.Println(w.Bodies[2].Mass, w.Count)
	// pointer to pointer to struct
	pp := &b
	(*pp).Mass = 77
	fmt.Println(b.Mass)
	// pointer to array: indexing, len and range
	arr := &[4]int{1, 2, 3, 4}
	arr[3] = 40
	for i, v := range arr {
		fmt.Print(i, "=", v, " ")
	}
	fmt.Println(len(arr), cap(arr))
	s := arr[1:3]
	s[0] = 20
	fmt.Println(*arr, s)
	println(b.Pos.X, b.Pos.Y)
}
