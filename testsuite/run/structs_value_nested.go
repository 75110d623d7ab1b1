// run

package main

import "fmt"

type Point struct {
	X, Y int
}

type Rect struct {
	Min, Max Point
	Name     string
}

type Person struct {
	Name    string
	Age     int
	Address struct {
		City string
		Zip  int
	}
	Tags [2]string
}

func area(r Rect) int {
	return (r.Max.X - r.Min.X) * (r.Max.Y - r.Min.Y)
}

func grow(r Rect, d int) Rect {
	r.Min.X -= d
	r.Min.Y -= d
	r.Max.X += d
	r.Max.Y += d
	return r
}

func main() {
	p := Point{1, 2}
	q := Point{Y: 5}
	var z Point
	fmt.Println(p, q, z)
	fmt.Printf("%v %+v\n", p, q)
	r := Rect{Min: Point{0, 0}, Max: Point{3, 4}, Name: "r1"}
	fmt.Println(r, area(r))
	r2 := grow(r, 1)
	fmt.Println(r, r2, area(r2))
	fmt.Printf("%+v\n", r2)
	r3 := r2
	r3.Max.X = 100
	fmt.Println(r2.Max.X, r3.Max.X)
	fmt.Println(p == Point{1, 2}, r == r2, r3 != r2)

	var per Person
	per.Name = "Ann"
	per.Age = 30
	per.Address.City = "Oslo"
	per.Address.Zip = 150
	per.Tags[1] = "admin"
	fmt.Printf("%v\n%+v\n", per, per)
	per2 := per
	per2.Address.City = "Bergen"
	fmt.Println(per.Address.City, per2.Address.City)

	pts := []Point{{1, 1}, {2, 4}, {3, 9}}
	for _, pt := range pts {
		pt.X = 0 // copy
	}
	fmt.Println(pts)
	for i := range pts {
		pts[i].X *= 10
	}
	fmt.Println(pts)
	arr := [2]Rect{{Name: "a"}, {Max: Point{1, 1}}}
	fmt.Printf("%+v\n", arr)
	anon := struct {
		A int
		B string
	}{7, "seven"}
	fmt.Println(anon, anon.A, anon.B)
	type Pair struct {
		First, Second Point
	}
	pp := Pair{Point{1, 2}, Point{3, 4}}
	pp.First, pp.Second = pp.Second, pp.First
	fmt.Println(pp)
	println(p.X, r2.Max.Y, per.Age)
}
