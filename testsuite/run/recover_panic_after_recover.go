// run

package main

import "fmt"

func first() {
	defer func() {
		r := recover()
		fmt.Println("first recovered:", r)
	}()
	panic("one")
}

func sequence() (log string) {
	defer func() {
		r := recover()
		log += fmt.Sprint(" | outer recovered ", r)
	}()
	first()
	log = "after first"
	panic("two")
}

func inDefer() (log string) {
	defer func() {
		r := recover()
		log = fmt.Sprint("inDefer final: ", r)
	}()
	defer func() {
		r := recover()
		fmt.Println("recovered", r, "then panicking again in the same deferred func")
		panic("three")
	}()
	panic("two-and-a-half")
}

func main() {
	fmt.Println(sequence())
	fmt.Println(inDefer())
	fmt.Println("main done")
}
