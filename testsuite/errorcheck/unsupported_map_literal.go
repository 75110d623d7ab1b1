// errorcheck

// Map composite literals are not part of the morestack subset.
package main

import "fmt"

func main() {
	fmt.Println(len(map[int]bool{1: true, 2: false})) // ERROR "not supported yet"
}
