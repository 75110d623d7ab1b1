// errorcheck

// Maps are valid Go but not part of the morestack subset; this file is
// only checked against morestack (bless.sh skips unsupported_*.go).
package main

func main() {
	var m map[string]int // ERROR "not supported yet"
	_ = m
}
