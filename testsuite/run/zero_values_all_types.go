// run

package main

import "fmt"

type Inner struct {
	S string
	P *int
}

type All struct {
	I    int
	I8   int8
	I16  int16
	I32  int32
	I64  int64
	U    uint
	U8   uint8
	U16  uint16
	U32  uint32
	U64  uint64
	UP   uintptr
	B    byte
	R    rune
	Bo   bool
	S    string
	F    float64
	A    [3]int
	Sl   []int
	P    *All
	Fn   func()
	In   Inner
	AIn  [2]Inner
	SlSl [][]string
}

func main() {
	var a All
	fmt.Printf("%v\n", a)
	fmt.Printf("%+v\n", a)
	fmt.Println(a.Sl == nil, a.P == nil, a.Fn == nil, a.In.P == nil, a.SlSl == nil, len(a.S))
	fmt.Println(a.In == Inner{}, a.A == [3]int{})
	var arr [3]All
	fmt.Println(len(arr), arr[2].F, arr[1].A)
	s := make([]All, 2)
	fmt.Println(s[1].I, s[0].Bo)
	p := new(All)
	fmt.Println(p.I64, p.S == "", p.Sl == nil)
	var i interfaceFree
	fmt.Println(i)
	var f float64
	var st string
	var b bool
	var r rune
	println(f, st, b, r, a.U64)
}

type interfaceFree struct{ x, y int }
