// run

package main

import "fmt"

func describe(n int) []string {
	var out []string
	switch {
	case n > 100:
		out = append(out, "huge")
		fallthrough
	case n > 10:
		out = append(out, "big")
		fallthrough
	case n > 0:
		out = append(out, "positive")
	case n == 0:
		out = append(out, "zero")
		fallthrough
	default:
		out = append(out, "non-positive")
	}
	return out
}

func days(month int) int {
	d := 0
	switch month {
	case 2:
		d = 28
	case 4, 6, 9, 11:
		d = 30
	default:
		d = 31
	}
	return d
}

func main() {
	for _, n := range []int{500, 50, 5, 0, -5} {
		fmt.Println(n, describe(n))
	}
	// fallthrough into default that is placed in the middle
	for i := 0; i < 3; i++ {
		switch i {
		case 0:
			fmt.Print("zero,")
			fallthrough
		default:
			fmt.Print("default,")
			fallthrough
		case 2:
			fmt.Print("two")
		}
		fmt.Println()
	}
	// fallthrough ignores the next case's condition
	switch x := 1; x {
	case 1:
		fmt.Println("one")
		fallthrough
	case 1000:
		fmt.Println("thousand (fell through)")
	case 2:
		fmt.Println("two")
	}
	total := 0
	for m := 1; m <= 12; m++ {
		total += days(m)
	}
	fmt.Println("days in year", total)
	println(len(describe(1000)))
}
