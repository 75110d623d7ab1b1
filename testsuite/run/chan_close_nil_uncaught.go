// run
// want-exit: 2

package main

import "fmt"

func shutdown(c chan bool) {
	defer fmt.Println("deferred call runs before the crash")
	close(c)
}

func main() {
	var c chan bool
	shutdown(c)
}
