// errorcheck

// Interface types are not part of the morestack subset (values may only be
// passed to fmt functions).
package main

type Shape interface { // ERROR "not supported yet"
	Area() float64
}

func main() {
}
