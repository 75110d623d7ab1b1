// Benchmark: a tight loop over a large slice. Sieve of Eratosthenes up to 10^7:
// one 10 MB allocation, bounds-checked indexing, no calls in the inner loop.
package main

import "fmt"

func main() {
	const n = 10000000
	composite := make([]bool, n+1)
	count := 0
	sum := 0
	for i := 2; i <= n; i++ {
		if composite[i] {
			continue
		}
		count++
		sum += i
		for j := i * i; j <= n; j += i {
			composite[j] = true
		}
	}
	fmt.Println("primes below 10^7:", count, "sum:", sum)
}
