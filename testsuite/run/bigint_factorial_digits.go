// run

package main

import "fmt"

// little-endian base 10^9 limbs
type Big []uint32

const base = 1000000000

func fromInt(n int) Big {
	if n == 0 {
		return Big{0}
	}
	var b Big
	for n > 0 {
		b = append(b, uint32(n%base))
		n /= base
	}
	return b
}

func mulSmall(a Big, m uint32) Big {
	var carry uint64
	out := make(Big, len(a), len(a)+2)
	for i, limb := range a {
		p := uint64(limb)*uint64(m) + carry
		out[i] = uint32(p % base)
		carry = p / base
	}
	for carry > 0 {
		out = append(out, uint32(carry%base))
		carry /= base
	}
	return out
}

func add(a, b Big) Big {
	if len(a) < len(b) {
		a, b = b, a
	}
	out := make(Big, 0, len(a)+1)
	var carry uint32
	for i := range a {
		s := a[i] + carry
		if i < len(b) {
			s += b[i]
		}
		carry = s / base
		out = append(out, s%base)
	}
	if carry > 0 {
		out = append(out, carry)
	}
	return out
}

func str(b Big) string {
	s := fmt.Sprint(b[len(b)-1])
	for i := len(b) - 2; i >= 0; i-- {
		s += fmt.Sprintf("%09d", b[i])
	}
	return s
}

func digitSum(s string) int {
	t := 0
	for _, c := range s {
		t += int(c - '0')
	}
	return t
}

func main() {
	f := fromInt(1)
	for i := 1; i <= 30; i++ {
		f = mulSmall(f, uint32(i))
	}
	fmt.Println("30! =", str(f))
	f = fromInt(1)
	for i := 1; i <= 100; i++ {
		f = mulSmall(f, uint32(i))
	}
	s := str(f)
	fmt.Println("100! has", len(s), "digits, digit sum", digitSum(s))
	fmt.Println(s[:20], "...", s[len(s)-30:])
	// Fibonacci 300
	a, b := fromInt(0), fromInt(1)
	for i := 0; i < 300; i++ {
		a, b = b, add(a, b)
	}
	fmt.Println("fib(300) =", str(a))
	// 2^200
	p := fromInt(1)
	for i := 0; i < 200; i++ {
		p = mulSmall(p, 2)
	}
	fmt.Println("2^200 =", str(p))
	println(len(s))
}
