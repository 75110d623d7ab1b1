// errorcheck

// defer statements are not part of the morestack subset.
package main

func cleanup() {}

func main() {
	defer cleanup() // ERROR "not supported yet"
	println("body")
}
