// run
// want-exit: 2

// A select whose cases are all nil channels blocks forever as a select (Go reports
// [select], not [select (no cases)]).

package main

func main() {
	var a chan int
	var b chan int
	select {
	case <-a:
	case b <- 1:
	}
}
