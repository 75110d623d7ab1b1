// run

package main

import "fmt"

type Inner struct {
	A int
	B string
}

type Outer struct {
	Name  string
	In    Inner
	Ptr   *Inner
	List  []int
	Arr   [2]bool
	F     float64
	Bytes []byte
	Runes []rune
	Nil   []string
	U8    uint8
}

type Celsius float64
type Label string

func main() {
	o := Outer{
		Name:  "outer",
		In:    Inner{1, "one"},
		Ptr:   &Inner{2, "two"},
		List:  []int{1, 2, 3},
		Arr:   [2]bool{true, false},
		F:     2.5,
		Bytes: []byte("hi"),
		Runes: []rune("hé"),
		U8:    7,
	}
	o.Ptr = nil
	fmt.Println(o)
	fmt.Printf("%v\n", o)
	fmt.Printf("%+v\n", o)
	fmt.Printf("%v %+v\n", o.In, &o.In)
	fmt.Printf("%q\n", o.In)
	fmt.Printf("%x\n", o.In)
	fmt.Printf("%v %v\n", [][]int{{1}, {2, 3}, nil}, [2][2]string{{"a", "b"}, {"", "d"}})
	fmt.Printf("%5v|%-5v|%05v\n", []int{1, 2}, []int{3}, []int{4, 5})
	fmt.Printf("%6.2f\n", []float64{1, 2.345})
	fmt.Printf("%q\n", []rune("hé"))
	fmt.Printf("%c\n", []rune("hé"))
	fmt.Printf("%v %.1f %s\n", Celsius(21.5), Celsius(21.55), Label("lbl"))
	fmt.Printf("%v\n", struct {
		P *Inner
		Q []*Inner
	}{nil, nil})
	type deep struct {
		L [1]struct{ V []Inner }
	}
	var d deep
	d.L[0].V = []Inner{{9, "nine"}}
	fmt.Printf("%+v\n", d)
	fmt.Println(struct{}{}, [0]int{}, []struct{}{{}, {}})
}
