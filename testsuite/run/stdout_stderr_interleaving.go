// run

// fmt writes to stdout unbuffered and println writes to stderr; both end up
// in the combined output in program order.
package main

import (
	"fmt"
	"os"
)

func main() {
	for i := 0; i < 4; i++ {
		fmt.Println("stdout", i)
		println("stderr", i)
		print("stderr-no-newline ")
		fmt.Print("stdout-no-newline\n")
	}
	fmt.Printf("%s|", "partial")
	println("<- interleaved")
	os.Exit(0)
}
