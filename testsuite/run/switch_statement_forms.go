// run

package main

import "fmt"

func grade(score int) string {
	switch {
	case score >= 90:
		return "A"
	case score >= 80:
		return "B"
	case score >= 70:
		return "C"
	default:
		return "F"
	}
}

func kind(c byte) string {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return "vowel"
	case ' ', '\t', '\n':
		return "space"
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "digit"
	}
	return "other"
}

var calls []string

func val(name string, v int) int {
	calls = append(calls, name)
	return v
}

func main() {
	for _, s := range []int{95, 85, 72, 10} {
		fmt.Print(grade(s), " ")
	}
	fmt.Println()
	for _, c := range []byte("hi 42!") {
		fmt.Print(kind(c), " ")
	}
	fmt.Println()

	// switch with init statement
	switch x := 5 * 5; x {
	case 24:
		fmt.Println("24")
	case 25:
		fmt.Println("25!")
	default:
		fmt.Println("other")
	}
	switch y := 7; {
	case y > 5:
		fmt.Println("y>5")
	}

	// case expressions evaluated in order, stopping at the match
	switch val("tag", 3) {
	case val("a", 1), val("b", 2):
		fmt.Println("no")
	case val("c", 3), val("d", 4):
		fmt.Println("matched c")
	case val("e", 3):
		fmt.Println("no")
	}
	fmt.Println(calls)

	// default in the middle
	for i := 0; i < 4; i++ {
		switch i {
		case 0:
			fmt.Print("zero ")
		default:
			fmt.Print("many ")
		case 1:
			fmt.Print("one ")
		}
	}
	fmt.Println()

	// switch on strings
	for _, cmd := range []string{"start", "stop", "", "pause"} {
		switch cmd {
		case "start", "resume":
			fmt.Println(cmd, "-> running")
		case "stop":
			fmt.Println(cmd, "-> stopped")
		case "":
			fmt.Println("empty command")
		default:
			fmt.Println(cmd, "-> unknown")
		}
	}
	// break inside switch only leaves the switch
	n := 0
	for i := 0; i < 5; i++ {
		switch {
		case i == 2:
			break
		default:
			n += i
		}
	}
	fmt.Println("n", n)
	// switch with no cases / only default
	switch {
	}
	switch 1 {
	default:
		fmt.Println("only default")
	}
	// typed switch tag with untyped constants
	var b int8 = -1
	switch b {
	case -1:
		fmt.Println("minus one")
	case 1:
		fmt.Println("one")
	}
	switch true {
	case n > 100:
		fmt.Println("big")
	case n > 5:
		fmt.Println("n>5")
	}
	println(grade(81))
}
