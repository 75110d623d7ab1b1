// run

package main

import "fmt"

var sum int
var maxSeen int

// Every frame registers a defer; all 100000 are pending at the deepest point,
// so the stack has to grow while defers are outstanding.
func descend(n int) {
	defer func() {
		sum += n
		if n > maxSeen {
			maxSeen = n
		}
	}()
	if n == 0 {
		fmt.Println("bottom reached, sum so far", sum)
		return
	}
	descend(n - 1)
}

func depthResult(n int) (r int) {
	defer func() {
		r++
	}()
	if n == 0 {
		return 0
	}
	return depthResult(n - 1)
}

func main() {
	descend(100000)
	fmt.Println("sum", sum, "max", maxSeen)
	fmt.Println("depthResult", depthResult(100000))
}
