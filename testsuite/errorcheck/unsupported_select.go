// errorcheck

// select statements are not part of the morestack subset.
package main

func main() {
	select {} // ERROR "not supported yet"
}
