// run

// Pointers to locals (an array and a struct) taken in the top frame, passed down
// 100,000 frames, written at the bottom and read back at the top after many stack
// growths.
package main

import "fmt"

type Acc struct {
	Count int
	Last  int
}

func down(n int, arr *[8]int, acc *Acc) int {
	if n == 0 {
		arr[7] = 777
		acc.Last = 42
		return 0
	}
	acc.Count++
	arr[n%8] += n
	return down(n-1, arr, acc) + 1
}

func main() {
	var arr [8]int
	acc := Acc{}
	depth := down(100000, &arr, &acc)
	fmt.Println(depth, acc.Count, acc.Last, arr)
}
