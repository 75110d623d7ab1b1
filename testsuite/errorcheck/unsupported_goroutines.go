// errorcheck

// go statements are not part of the morestack subset.
package main

func work(n int) { _ = n * 2 }

func main() {
	go work(1) // ERROR "not supported yet"
}
