// run

package main

import "fmt"

var trace []string

func t(name string) bool { trace = append(trace, name); return true }
func f(name string) bool { trace = append(trace, name); return false }

func xor(a, b bool) bool { return a != b }

func main() {
	vals := []bool{false, true}
	for _, a := range vals {
		for _, b := range vals {
			fmt.Println(a, b, a && b, a || b, !a, xor(a, b), a == b)
		}
	}
	trace = nil
	r := f("a") && t("b") || t("c") && f("d") || t("e")
	fmt.Println(r, trace)
	trace = nil
	r = t("a") || f("b") && f("c")
	fmt.Println(r, trace)
	trace = nil
	r = !(t("x") && f("y")) && !f("z")
	fmt.Println(r, trace)
	var zero bool
	fmt.Println(zero, !zero)
	flags := [4]bool{true, false, true, true}
	all, some := true, false
	for _, fl := range flags {
		all = all && fl
		some = some || fl
	}
	fmt.Println(all, some)
	n := 15
	isFizz := n%3 == 0
	isBuzz := n%5 == 0
	fmt.Println(isFizz && isBuzz, isFizz != isBuzz)
	fmt.Printf("%t %v %5t|%-6t|\n", true, false, false, true)
	println(all, some)
}
