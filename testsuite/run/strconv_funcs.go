// run

package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, n := range []int{0, 1, -1, 42, -9876543210, 9223372036854775807} {
		s := strconv.Itoa(n)
		fmt.Println(s, len(s))
	}
	for _, base := range []int{2, 8, 10, 16, 36} {
		fmt.Println(base, strconv.FormatInt(255, base), strconv.FormatInt(-255, base), strconv.FormatInt(-9223372036854775808, base))
	}
	for _, s := range []string{"", "plain", "with \"quotes\"", "tab\t", "nl\n", "é世", "\x00\x01", "bad\xfe", "\u2028", "back\\slash"} {
		fmt.Println(strconv.Quote(s))
	}
	s := "count: " + strconv.Itoa(10) + ", hex: " + strconv.FormatInt(3054, 16)
	fmt.Println(s)
	digits := ""
	for i := 0; i < 10; i++ {
		digits += strconv.Itoa(i * i)
	}
	fmt.Println(digits)
	println(strconv.Quote("stderr"))
}
