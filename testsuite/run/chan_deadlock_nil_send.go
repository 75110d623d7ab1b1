// run
// want-exit: 2

package main

func main() {
	var c chan string
	println("sending on a nil channel blocks forever")
	c <- "x"
}
