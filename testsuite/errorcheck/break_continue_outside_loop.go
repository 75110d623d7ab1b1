// errorcheck

package main

func main() {
	break // ERROR "break is not in a loop, switch, or select"
	if true {
		continue // ERROR "continue is not in a loop"
	}
	switch {
	case true:
		continue // ERROR "continue is not in a loop"
	}
	for {
		f := func() {
			break // ERROR "break is not in a loop, switch, or select"
		}
		f()
		break
	}
L:
	if true {
		break L // ERROR "invalid break label L"
	}
	for {
		continue M // ERROR "continue label not defined: M"
	}
}
