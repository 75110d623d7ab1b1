// run

package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%-12s %v\n", name, r)
	}()
	f()
}

func main() {
	s := make([]int, 3, 5)
	str := "hello"
	arr := [4]int{1, 2, 3, 4}
	lo, hi, max := 0, 0, 0
	try("s[:hi]", func() {
		hi = 6
		_ = s[:hi]
	})
	try("s[lo:]", func() {
		lo = 4
		_ = s[lo:]
	})
	try("s[lo:hi]", func() {
		lo, hi = 3, 2
		_ = s[lo:hi]
	})
	try("s[lo:hi] ok", func() {
		lo, hi = 1, 5
		fmt.Println("   len", len(s[lo:hi]), "cap", cap(s[lo:hi]))
	})
	try("s[::max]", func() {
		max = 6
		_ = s[0:2:max]
	})
	try("s[:hi:max]", func() {
		hi, max = 4, 3
		_ = s[:hi:max]
	})
	try("s[lo:hi:]", func() {
		lo, hi, max = 3, 2, 4
		_ = s[lo:hi:max]
	})
	try("neg lo", func() {
		lo = -1
		_ = s[lo:]
	})
	try("str[:hi]", func() {
		hi = 10
		_ = str[:hi]
	})
	try("str[lo:]", func() {
		lo = 6
		_ = str[lo:]
	})
	try("str[lo:hi]", func() {
		lo, hi = 4, 2
		_ = str[lo:hi]
	})
	try("arr[:hi]", func() {
		hi = 5
		_ = arr[:hi]
	})
	try("nil[:hi]", func() {
		var n []int
		hi = 1
		_ = n[:hi]
	})
	fmt.Println("done")
}
