// run

package main

import "fmt"

type point struct {
	x, y int
}

type box struct {
	min, max point
	tags     [2]string
}

func printBox(label string, b box) {
	fmt.Printf("%s: %v\n", label, b)
}

func printPtr(label string, b *box) {
	fmt.Printf("%s: %v\n", label, *b)
}

func sumArr(a [4]int) {
	s := 0
	for _, v := range a {
		s += v
	}
	fmt.Println("array sum", s, a)
}

func main() {
	b := box{point{0, 0}, point{2, 3}, [2]string{"a", "b"}}
	defer printBox("by value", b)
	defer printPtr("by pointer", &b)
	b.max.x = 20
	b.tags[1] = "changed"

	a := [4]int{1, 2, 3, 4}
	defer sumArr(a)
	a[3] = 400
	defer sumArr(a)

	var u8 uint8 = 250
	var i16 int16 = -300
	f := 1.5
	str := "abc"
	ok := true
	var r rune = 'x'
	defer fmt.Println("scalars", u8, i16, f, str, ok, r)
	u8 += 10
	i16 = 0
	f = 0
	str = ""
	ok = false
	r = 'y'
	fmt.Println("changed", u8, i16, f, str, ok, r)
}
