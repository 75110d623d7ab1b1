// run

package main

import "fmt"

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func guarded() (result int) {
	defer func() {
		// While the panic is in progress, recurse a million frames deep:
		// the stack must grow during the panic and the recover must
		// still work afterwards.
		d := depth(1000000)
		fmt.Println("recursed", d, "frames while panicking")
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			result = d
		}
	}()
	panic("deep trouble")
}

func main() {
	fmt.Println("guarded returned", guarded())
}
