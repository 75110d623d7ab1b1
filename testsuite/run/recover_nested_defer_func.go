// run

package main

import "fmt"

// recover inside a defer of a deferred function: the inner deferred
// function is not the one called by the panicking sequence.
func nestedDefer() (res string) {
	res = "unset"
	defer func() {
		r := recover()
		res = fmt.Sprint("outer-level recover got: ", r)
	}()
	defer func() {
		defer func() {
			r := recover()
			fmt.Println("nested deferred recover:", r)
		}()
		fmt.Println("deferred func running")
	}()
	panic("P1")
}

// A deferred function panics and its own deferred function recovers
// that second panic; the first panic keeps going.
func innerRecovers() (res string) {
	defer func() {
		r := recover()
		res = fmt.Sprint("outermost recovered: ", r)
	}()
	defer func() {
		defer func() {
			r := recover()
			fmt.Println("inner recovered:", r)
		}()
		panic("P3")
	}()
	panic("P2")
}

func main() {
	fmt.Println(nestedDefer())
	fmt.Println(innerRecovers())
}
