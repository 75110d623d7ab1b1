// run

package main

import "fmt"

func errln(s string) {
	println(s)
}

func three() {
	defer fmt.Println("first deferred, runs last")
	defer fmt.Println("second deferred")
	defer fmt.Println("third deferred, runs first")
	fmt.Println("body of three")
}

func mixed() {
	defer errln("stderr: A")
	defer fmt.Println("stdout: B")
	defer errln("stderr: C")
	defer fmt.Println("stdout: D")
	fmt.Println("body of mixed")
	println("stderr: body")
}

func main() {
	three()
	fmt.Println("after three")
	mixed()
	fmt.Println("after mixed")
}
