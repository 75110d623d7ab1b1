// run

package main

import "fmt"

func inner() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("inner saw:", r)
			panic(r)
		}
	}()
	panic(fmt.Errorf("code %d", 17))
}

func middle() {
	defer func() {
		r := recover()
		fmt.Println("middle saw:", r)
		panic(fmt.Sprint("wrapped<", r, ">"))
	}()
	inner()
}

func outer() (msg string) {
	defer func() {
		r := recover()
		msg = fmt.Sprint("outer recovered: ", r)
	}()
	middle()
	return "unreachable"
}

func main() {
	fmt.Println(outer())
}
