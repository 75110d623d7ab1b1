// run

package main

import "fmt"

const (
	minInt64 = -1 << 63
	maxInt64 = 1<<63 - 1
	minInt32 = -1 << 31
	minInt8  = -1 << 7
)

func div64(a, b int64) (int64, int64) { return a / b, a % b }
func div32(a, b int32) (int32, int32) { return a / b, a % b }
func div8(a, b int8) (int8, int8)     { return a / b, a % b }

func main() {
	var m int64 = minInt64
	var n int64 = -1
	fmt.Println(m/n, m%n)
	q, r := div64(m, n)
	fmt.Println(q, r, q == minInt64)
	q32, r32 := div32(minInt32, -1)
	fmt.Println(q32, r32)
	q8, r8 := div8(minInt8, -1)
	fmt.Println(q8, r8)
	var x int = minInt64
	d := -1
	x /= d
	fmt.Println(x)
	x = minInt64
	x %= d
	fmt.Println(x)
	fmt.Println(maxInt64, minInt64, -m, m*n, m-1)
	println(-m, m*n)
}
