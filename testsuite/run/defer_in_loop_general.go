// run

package main

import "fmt"

func errln(s string, n int) {
	println(s, n)
}

func loopDefers(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Println("deferred i =", i)
	}
	fmt.Println("loop done")
}

func loopClosures(n int) {
	// Go 1.19: the loop variable is shared, closures see its final value.
	for i := 0; i < n; i++ {
		defer func() {
			fmt.Println("closure sees i =", i)
		}()
	}
	for i := 0; i < n; i++ {
		j := i
		defer func() {
			fmt.Println("closure sees copy j =", j)
		}()
	}
}

func conditional(xs []int) {
	for _, x := range xs {
		if x%2 == 0 {
			defer fmt.Println("even", x)
			continue
		}
		if x > 6 {
			defer fmt.Println("breaking at", x)
			break
		}
		defer errln("odd on stderr", x)
	}
	fmt.Println("conditional body end")
}

func main() {
	loopDefers(4)
	loopClosures(3)
	conditional([]int{1, 2, 3, 4, 5, 7, 8})
}
