// errorcheck

package main

func main() {
	n := 1
	s := "x"
	if n { // ERROR "non-boolean condition in if statement"
	}
	for n { // ERROR "non-boolean condition in for statement"
	}
	if s { // ERROR "non-boolean condition in if statement"
	}
	for i := 0; i; i++ { // ERROR "non-boolean condition in for statement"
	}
	switch {
	case n: // ERROR "invalid case n in switch.*mismatched types int and bool"
	}
	_ = !n // ERROR "operator ! not defined on n"
	ok := n == 1
	if ok {
	}
}
