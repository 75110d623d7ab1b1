// errorcheck

// Interfaces with methods (other than the predeclared error) are not part of the
// morestack subset yet.
package main

type Shape interface { // ERROR "not supported yet"
	Area() float64
}

func main() {
}
