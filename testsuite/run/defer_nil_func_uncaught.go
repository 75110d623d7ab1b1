// run
// want-exit: 2

package main

import "fmt"

var hook func()

func run() {
	defer fmt.Println("deferred before nil func runs last")
	defer hook()
	defer fmt.Println("deferred after nil func runs first")
	fmt.Println("body runs")
}

func main() {
	run()
	fmt.Println("not reached")
}
