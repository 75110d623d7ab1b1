// run

package main

import "fmt"

func greet(name string) {
	fmt.Println("hello,", name)
}

func shout(name string) {
	fmt.Println("HELLO,", name)
}

func makeLogger(prefix string) func(int) {
	count := 0
	return func(n int) {
		count++
		fmt.Println(prefix, "call", count, "arg", n)
	}
}

func main() {
	f := greet
	defer f("first")
	f = shout
	defer f("second")

	log := makeLogger("log:")
	defer log(1)
	defer log(2)
	log(0)

	fns := []func(string){greet, shout}
	for i, g := range fns {
		defer g(fmt.Sprint("slice element ", i))
	}

	var choose func(bool) func(string)
	choose = func(loud bool) func(string) {
		fmt.Println("choose evaluated at defer time, loud =", loud)
		if loud {
			return shout
		}
		return greet
	}
	defer choose(true)("chosen")
	fmt.Println("end of main")
}
