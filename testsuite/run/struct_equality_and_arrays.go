// run

package main

import "fmt"

type Color struct {
	R, G, B uint8
}

type Pixel struct {
	X, Y int
	C    Color
	Name string
}

type Palette [4]Color

func indexOf(p Palette, c Color) int {
	for i, pc := range p {
		if pc == c {
			return i
		}
	}
	return -1
}

func main() {
	red := Color{255, 0, 0}
	red2 := Color{R: 255}
	blue := Color{B: 255}
	fmt.Println(red == red2, red != blue, red == Color{})
	p1 := Pixel{1, 2, red, "a"}
	p2 := Pixel{1, 2, red2, "a"}
	p3 := p2
	p3.Name = "b"
	fmt.Println(p1 == p2, p2 == p3, p1.C == p3.C)
	pal := Palette{red, blue, {0, 255, 0}, {}}
	fmt.Println(indexOf(pal, blue), indexOf(pal, Color{0, 255, 0}), indexOf(pal, Color{1, 1, 1}), indexOf(pal, Color{}))
	pal2 := pal
	fmt.Println(pal == pal2)
	pal2[3].G = 1
	fmt.Println(pal == pal2)
	// arrays of strings and bools compare element-wise
	fmt.Println([3]string{"a", "b", "c"} == [3]string{"a", "b", "c"}, [2]bool{true} == [2]bool{true, true})
	// pointers compare by identity
	pa, pb := &red, &red
	c := red
	pc := &c
	fmt.Println(pa == pb, pa == pc, *pa == *pc)
	// anonymous structs with identical field sequences
	x := struct {
		A int
		B string
	}{1, "x"}
	y := struct {
		A int
		B string
	}{1, "x"}
	fmt.Println(x == y)
	// float fields
	type F struct{ V float64 }
	var zero float64
	nan := zero / zero
	fmt.Println(F{1.5} == F{1.5}, F{nan} == F{nan}, F{0} == F{-zero})
	println(p1 == p2)
}
