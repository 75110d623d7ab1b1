// run

package main

import "fmt"

func find(grid [][]int, target int) (row, col int) {
	defer func() {
		fmt.Println("  find", target, "->", row, col)
	}()
	for i, line := range grid {
		defer fmt.Println("  scanned row", i)
		for j, v := range line {
			if v == target {
				return i, j
			}
		}
	}
	return -1, -1
}

func kind(c byte) (k string) {
	defer func() {
		k = "[" + k + "]"
	}()
	switch {
	case c >= '0' && c <= '9':
		defer fmt.Println("  digit case")
		return "digit"
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return "letter"
	case c == ' ':
		defer fmt.Println("  space case")
	default:
		for i := 0; i < 3; i++ {
			if i == 1 {
				return "other"
			}
		}
	}
	return "space"
}

func labeled(n int) (count int) {
	defer func() {
		count = count*100 + n
	}()
outer:
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if j > i {
				continue outer
			}
			if i*j > 6 {
				break outer
			}
			count++
		}
	}
	return
}

func main() {
	grid := [][]int{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}
	fmt.Println(find(grid, 5))
	fmt.Println(find(grid, 10))
	for _, c := range []byte{'7', 'q', ' ', '#'} {
		fmt.Println(kind(c))
	}
	fmt.Println(labeled(5))
}
