// run

package main

import "fmt"

const limit = 1000000

var cache [limit]uint16

func chain(n uint64) int {
	if n < limit && cache[n] != 0 {
		return int(cache[n])
	}
	var next uint64
	if n%2 == 0 {
		next = n / 2
	} else {
		next = 3*n + 1
	}
	l := chain(next) + 1
	if n < limit {
		cache[n] = uint16(l)
	}
	return l
}

func main() {
	cache[1] = 1
	best, bestN := 0, 0
	for n := 1; n < limit; n++ {
		if l := chain(uint64(n)); l > best {
			best, bestN = l, n
		}
	}
	fmt.Println(bestN, best)
	peak := uint64(0)
	for n := uint64(77031); n != 1; {
		if n > peak {
			peak = n
		}
		if n&1 == 0 {
			n >>= 1
		} else {
			n = 3*n + 1
		}
	}
	fmt.Println(peak)
	for _, n := range []uint64{1, 2, 3, 6, 7, 9, 27, 97} {
		fmt.Print(chain(n), " ")
	}
	fmt.Println()
	println(best)
}
