// run

package main

import "fmt"

const N = 12

// arrays are passed by value: sorting a copy and returning it
func selectionSort(a [N]int) [N]int {
	for i := 0; i < N-1; i++ {
		min := i
		for j := i + 1; j < N; j++ {
			if a[j] < a[min] {
				min = j
			}
		}
		a[i], a[min] = a[min], a[i]
	}
	return a
}

func bubbleSortInPlace(a *[N]int) (swaps int) {
	for i := 0; i < N; i++ {
		for j := 0; j < N-1-i; j++ {
			if a[j] > a[j+1] {
				a[j], a[j+1] = a[j+1], a[j]
				swaps++
			}
		}
	}
	return
}

func shellSort(a [N]int) [N]int {
	for gap := N / 2; gap > 0; gap /= 2 {
		for i := gap; i < N; i++ {
			t := a[i]
			j := i
			for ; j >= gap && a[j-gap] > t; j -= gap {
				a[j] = a[j-gap]
			}
			a[j] = t
		}
	}
	return a
}

func reverse(a [N]int) [N]int {
	for i, j := 0, N-1; i < j; i, j = i+1, j-1 {
		a[i], a[j] = a[j], a[i]
	}
	return a
}

func binarySearch(a [N]int, x int) int {
	lo, hi := 0, N
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if a[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < N && a[lo] == x {
		return lo
	}
	return -1
}

func main() {
	orig := [N]int{42, 7, -3, 19, 0, 88, 7, 23, -15, 64, 5, 11}
	s := selectionSort(orig)
	fmt.Println("orig:", orig)
	fmt.Println("selection:", s)
	b := orig
	n := bubbleSortInPlace(&b)
	fmt.Println("bubble:", b, "swaps:", n, b == s)
	sh := shellSort(orig)
	fmt.Println("shell:", sh, sh == s)
	r := reverse(s)
	fmt.Println("reversed:", r)
	for _, x := range []int{-15, 7, 88, 100, 20} {
		fmt.Println("search", x, binarySearch(s, x))
	}
	// sort strings in an array
	names := [5]string{"mallory", "alice", "eve", "bob", "carol"}
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j] < names[j-1]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	fmt.Println(names)
	// 2D array row sort by sum
	rows := [4][3]int{{9, 9, 9}, {1, 0, 0}, {5, 5, 5}, {2, 2, 2}}
	for i := 0; i < len(rows); i++ {
		for j := 0; j < len(rows)-1; j++ {
			if rows[j][0]+rows[j][1]+rows[j][2] > rows[j+1][0]+rows[j+1][1]+rows[j+1][2] {
				rows[j], rows[j+1] = rows[j+1], rows[j]
			}
		}
	}
	fmt.Println(rows)
	println(n, s[0], s[N-1])
}
