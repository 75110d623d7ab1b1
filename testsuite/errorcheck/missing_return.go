// errorcheck

package main

func noReturn(x int) int {
	x++
} // ERROR "missing return"

func ifWithoutElse(x int) int {
	if x > 0 {
		return 1
	}
} // ERROR "missing return"

func loopWithBreak() int {
	for {
		break
	}
} // ERROR "missing return"

func switchNoDefault(x int) string {
	switch x {
	case 1:
		return "one"
	}
} // ERROR "missing return"

// terminating statements: no error expected below
func infinite() int {
	for {
	}
}

func allBranches(x int) int {
	if x > 0 {
		return 1
	} else {
		return 2
	}
}

func panics() int {
	panic("no")
}

func switchDefault(x int) int {
	switch {
	case x > 0:
		return 1
	default:
		return 0
	}
}

func main() {
	_, _, _, _ = noReturn, ifWithoutElse, loopWithBreak, switchNoDefault
	_, _, _, _ = infinite, allBranches, panics, switchDefault
}
