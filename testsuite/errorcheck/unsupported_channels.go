// errorcheck

// Channel types are not part of the morestack subset.
package main

func main() {
	var ch chan int // ERROR "not supported yet"
	_ = ch
}
