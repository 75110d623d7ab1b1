// run

package main

import "fmt"

func at(s []int, i int) (v int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			v = -1
		}
	}()
	return s[i]
}

func arrAt(i int) (v int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Printf("array: %v\n", r)
		}
	}()
	a := [4]int{1, 2, 3, 4}
	return a[i]
}

func strAt(s string, i int) (b byte) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("string:", fmt.Sprint(r))
		}
	}()
	return s[i]
}

func store(s []string, i int) {
	defer func() {
		r := recover()
		fmt.Println("store:", r)
	}()
	s[i] = "x"
}

func main() {
	s := []int{10, 20, 30}
	fmt.Println(at(s, 1))
	fmt.Println(at(s, 3))
	fmt.Println(at(s, -2))
	fmt.Println(at(nil, 0))
	fmt.Println(arrAt(4))
	fmt.Println(arrAt(-1))
	fmt.Println(strAt("hey", 5))
	store(make([]string, 2, 10), 2)
	var big uint64 = 1 << 40
	fmt.Println(at(s, int(big)))
}
