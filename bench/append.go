// Benchmark: slice growth. Appending 10^7 ints one by one: amortised doubling,
// about 24 reallocations and copies of up to 80 MB.
package main

import "fmt"

func main() {
	const n = 10000000
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i*7%1000)
	}
	sum := 0
	for _, v := range s {
		sum += v
	}
	fmt.Println("len:", len(s), "sum:", sum)
}
