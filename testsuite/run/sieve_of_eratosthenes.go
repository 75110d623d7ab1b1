// run

package main

import "fmt"

func sieve(n int) []int {
	composite := make([]bool, n+1)
	var primes []int
	for i := 2; i <= n; i++ {
		if composite[i] {
			continue
		}
		primes = append(primes, i)
		for j := i * i; j <= n; j += i {
			composite[j] = true
		}
	}
	return primes
}

// fixed-size array sieve
func sieveArray() (count int, last int) {
	var marks [10000]bool
	for i := 2; i < len(marks); i++ {
		if !marks[i] {
			count++
			last = i
			for j := 2 * i; j < len(marks); j += i {
				marks[j] = true
			}
		}
	}
	return
}

// segmented twin prime counter
func twinPrimes(primes []int) int {
	n := 0
	for i := 1; i < len(primes); i++ {
		if primes[i]-primes[i-1] == 2 {
			n++
		}
	}
	return n
}

func main() {
	p := sieve(100)
	fmt.Println(len(p), p)
	big := sieve(1000000)
	fmt.Println("primes below 1e6:", len(big), "largest:", big[len(big)-1], "cap:", cap(big))
	fmt.Println("twin primes below 1e6:", twinPrimes(big))
	c, l := sieveArray()
	fmt.Println(c, l)
	// sum of primes below 2 million fits int64
	sum := 0
	for _, q := range sieve(2000000) {
		sum += q
	}
	fmt.Println("sum:", sum)
	// Goldbach check for small evens
	isPrime := make([]bool, 1001)
	for _, q := range sieve(1000) {
		isPrime[q] = true
	}
	for n := 4; n <= 40; n += 6 {
		for a := 2; a <= n/2; a++ {
			if isPrime[a] && isPrime[n-a] {
				fmt.Printf("%d = %d + %d\n", n, a, n-a)
				break
			}
		}
	}
	println(len(p))
}
