// run
// want-exit: 2

package main

import "fmt"

func main() {
	matrix := [][]int{{1, 2}, {3, 4}, {5}}
	for r := range matrix {
		fmt.Println(matrix[r][0] + matrix[r][1])
	}
}
