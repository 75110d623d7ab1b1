// run

package main

import "fmt"

func sqrt(x float64) float64 {
	z := x / 2
	if z == 0 {
		return 0
	}
	for i := 0; i < 60; i++ {
		z -= (z*z - x) / (2 * z)
	}
	return z
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func main() {
	// float64 -> int truncates toward zero
	for _, f := range []float64{0.9, -0.9, 1.5, -1.5, 2.99999, -2.99999, 1e15 + 0.5, -123456.789} {
		fmt.Println(f, int(f), int64(f), int32(int64(f)), int8(int(f)))
	}
	// int -> float64
	for _, n := range []int{0, 1, -1, 1 << 53, 1<<53 + 1, 1<<62 + 12345, -9223372036854775808} {
		fmt.Println(n, float64(n), int(float64(n)) == n)
	}
	var u uint64 = 18446744073709551615
	fmt.Println(float64(u), float64(uint32(u)), float64(uint8(u)))
	fu := float64(1 << 63)
	fmt.Println(uint64(fu), uint64(fu/2), uint32(float64(4e9)), uint8(float64(200)))
	// arithmetic
	x, y := 7.0, 2.0
	fmt.Println(x+y, x-y, x*y, x/y, -x)
	fmt.Println(0.1+0.2 == 0.3, abs(0.1+0.2-0.3) < 1e-15)
	a := 0.1
	b := 0.2
	fmt.Println(a+b, a*3, 1-0.9)
	fmt.Println(sqrt(2), sqrt(144), sqrt(1e10), sqrt(0))
	// float comparison and mixed with untyped constants
	f := 3.0
	fmt.Println(f == 3, f > 2.5, f/2, f*1e-3, 1/f)
	var g float64 = 5
	g /= 2
	g += 0.25
	fmt.Println(g)
	// accumulate
	sum := 0.0
	for i := 1; i <= 10; i++ {
		sum += 1.0 / float64(i)
	}
	fmt.Println(sum)
	fmt.Printf("%.15f %.3e\n", sum, sum*1e-20)
	// large and small
	big := 1e308
	fmt.Println(big*10, -big*10, big/1e308)
	tiny := 5e-324
	fmt.Println(tiny, tiny/2, tiny*2)
	// celsius conversion table
	for c := -40; c <= 100; c += 35 {
		fmt.Printf("%4d C = %6.1f F\n", c, float64(c)*9/5+32)
	}
	neg := -2.5
	println(x/y, int(neg), sum)
}
