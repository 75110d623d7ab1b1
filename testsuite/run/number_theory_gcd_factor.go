// run

package main

import "fmt"

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

func gcdRec(a, b uint64) uint64 {
	if b == 0 {
		return a
	}
	return gcdRec(b, a%b)
}

func lcm(a, b int) int { return a / gcd(a, b) * b }

func factor(n int) []int {
	var fs []int
	for p := 2; p*p <= n; p++ {
		for n%p == 0 {
			fs = append(fs, p)
			n /= p
		}
	}
	if n > 1 {
		fs = append(fs, n)
	}
	return fs
}

func powmod(b, e, m uint64) uint64 {
	r := uint64(1)
	b %= m
	for e > 0 {
		if e&1 == 1 {
			r = r * b % m
		}
		b = b * b % m
		e >>= 1
	}
	return r
}

func extGCD(a, b int) (g, x, y int) {
	if b == 0 {
		return a, 1, 0
	}
	g, x1, y1 := extGCD(b, a%b)
	return g, y1, x1 - (a/b)*y1
}

func isqrt(n uint64) uint64 {
	var r uint64
	for bit := uint64(1) << 62; bit > 0; bit >>= 2 {
		if n >= r+bit {
			n -= r + bit
			r = r>>1 + bit
		} else {
			r >>= 1
		}
	}
	return r
}

func main() {
	fmt.Println(gcd(48, 18), gcd(-48, 18), gcd(17, 5), gcd(0, 9), gcdRec(1<<40, 1<<20*3))
	fmt.Println(lcm(4, 6), lcm(21, 6))
	l := 1
	for i := 1; i <= 20; i++ {
		l = lcm(l, i)
	}
	fmt.Println("lcm(1..20) =", l)
	for _, n := range []int{2, 12, 97, 360, 1001, 65536, 600851475143} {
		fmt.Println(n, factor(n))
	}
	fmt.Println(powmod(2, 10, 1000), powmod(3, 200, 1000000007), powmod(7, 0, 13))
	g, x, y := extGCD(240, 46)
	fmt.Println(g, x, y, 240*x+46*y)
	fmt.Println(isqrt(0), isqrt(15), isqrt(16), isqrt(1<<62), isqrt(18446744073709551615))
	// perfect numbers below 10000
	for n := 2; n < 10000; n++ {
		s := 1
		for d := 2; d*d <= n; d++ {
			if n%d == 0 {
				s += d
				if d*d != n {
					s += n / d
				}
			}
		}
		if s == n {
			fmt.Print(n, " ")
		}
	}
	fmt.Println()
	println(gcd(1071, 462))
}
