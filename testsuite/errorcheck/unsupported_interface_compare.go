// errorcheck

// Comparing interface values with each other (rather than with nil) is not part of
// the morestack subset yet.
package main

func main() {
	var a, b interface{} = 1, 2
	println(a == b) // ERROR "not supported yet"
}
