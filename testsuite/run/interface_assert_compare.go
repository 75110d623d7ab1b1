// run

package main

import (
	"errors"
	"fmt"
)

type T int

func main() {
	var x interface{} = 5
	v := x.(int)
	fmt.Println(v, x == 5, x != 6, x == "5")
	s, ok := x.(string)
	fmt.Printf("%q %v\n", s, ok)
	var e interface{} = errors.New("boom")
	err, ok := e.(error)
	fmt.Println(err, ok)
	_, ok = x.(error)
	fmt.Println(ok)
	var y interface{} = T(3)
	fmt.Println(y == T(3), y == 3)
	defer func() { fmt.Println("recovered:", recover()) }()
	defer func() {
		r := recover()
		fmt.Println("recovered:", r)
		var a, b interface{} = []int{1}, []int{1}
		fmt.Println(a == b)
	}()
	_ = x.(string)
}
