// run

// Go 1.19 semantics: a for-loop's iteration variables are shared by all
// iterations, so closures created in the loop all see the final value
// unless the variable is copied.
package main

import "fmt"

func main() {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	var gs []func() int
	for i := 0; i < 3; i++ {
		i := i
		gs = append(gs, func() int { return i * i })
	}
	for _, g := range gs {
		fmt.Print(g(), " ")
	}
	fmt.Println()

	var hs []func() string
	for _, s := range []string{"a", "b", "c"} {
		hs = append(hs, func() string { return s })
	}
	for _, h := range hs {
		fmt.Print(h(), " ")
	}
	fmt.Println()

	// closure modifying loop variable affects the loop
	for i := 0; i < 10; i++ {
		skip := func() { i += 2 }
		skip()
		fmt.Print(i, " ")
	}
	fmt.Println()

	// variables declared inside the loop body are fresh each iteration
	var ks []func() int
	for i := 0; i < 4; i++ {
		sq := i * i
		ks = append(ks, func() int { sq++; return sq })
	}
	for _, k := range ks {
		fmt.Print(k(), k(), " ")
	}
	fmt.Println()
	// accumulate via closure
	sum := 0
	add := func(n int) { sum += n }
	for n := 1; n <= 100; n++ {
		add(n)
	}
	fmt.Println(sum)
}
