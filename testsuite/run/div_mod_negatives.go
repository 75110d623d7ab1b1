// run

package main

import "fmt"

func main() {
	nums := []int{7, -7, 6, -6, 0, 1, -1, 13}
	dens := []int{2, -2, 3, -3, 5, 1, -1}
	for _, n := range nums {
		for _, d := range dens {
			fmt.Printf("%3d / %2d = %3d   %3d %% %2d = %3d\n", n, d, n/d, n, d, n%d)
		}
	}
	var a int8 = -128
	var b int8 = 3
	fmt.Println(a/b, a%b)
	var c int32 = -2147483647
	fmt.Println(c/10, c%10)
	var u uint = 17
	fmt.Println(u/5, u%5)
	var big uint64 = 18446744073709551615
	fmt.Println(big/7, big%7, big/1000000007, big%1000000007)
	// division by power of two of negatives: must truncate toward zero
	for _, n := range []int{-1, -2, -3, -4, -5, -7, -8, -9} {
		fmt.Println(n, n/2, n%2, n/4, n%4, n/8, n%8, n>>1)
	}
	x := -17
	x /= 4
	fmt.Println(x)
	x = -17
	x %= 4
	fmt.Println(x)
	println(-9/2, -9%2, 9/-2, 9%-2)
}
