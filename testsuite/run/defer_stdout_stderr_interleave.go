// run

package main

import "fmt"

func errln(s string, n int) {
	println(s, n)
}

func step(n int) {
	defer errln("stderr leave", n)
	defer fmt.Println("stdout leave", n)
	fmt.Println("stdout enter", n)
	println("stderr enter", n)
	if n < 3 {
		step(n + 1)
	}
}

func main() {
	defer func() {
		print("main deferred print", "\n")
	}()
	step(1)
	fmt.Print("main done\n")
}
