// Benchmark: string building. 200,000 strings, each made of 10 concatenations of
// decimal conversions: many short-lived allocations and copies.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	total := 0
	check := 0
	for i := 0; i < 200000; i++ {
		s := ""
		for j := 0; j < 10; j++ {
			s += strconv.Itoa(i+j) + ","
		}
		total += len(s)
		check = (check*31 + int(s[len(s)/2])) % 1000000007
	}
	fmt.Println("bytes:", total, "checksum:", check)
}
