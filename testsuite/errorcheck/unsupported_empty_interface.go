// errorcheck

// Variables of interface type are not part of the morestack subset.
package main

func main() {
	var x interface{} = 42 // ERROR "not supported yet"
	_ = x
}
