// run

package main

import "fmt"

type Cube [3][3][3]int

func fillCube() Cube {
	var c Cube
	n := 0
	for i := range c {
		for j := range c[i] {
			for k := range c[i][j] {
				c[i][j][k] = n
				n++
			}
		}
	}
	return c
}

func sumCube(c Cube) (s int) {
	for _, plane := range c {
		for _, row := range plane {
			for _, v := range row {
				s += v
			}
		}
	}
	return
}

func rotate(m [3][3]int) [3][3]int {
	var r [3][3]int
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			r[j][2-i] = m[i][j]
		}
	}
	return r
}

func main() {
	c := fillCube()
	fmt.Println(c[1])
	fmt.Println(sumCube(c), c[2][2][2], len(c), len(c[0]), len(c[0][0]))
	m := c[0]
	for i := 0; i < 4; i++ {
		m = rotate(m)
		fmt.Println(m)
	}
	fmt.Println(m == c[0])
	// diagonal sums of a magic square
	magic := [3][3]int{{2, 7, 6}, {9, 5, 1}, {4, 3, 8}}
	var rows, cols [3]int
	d1, d2 := 0, 0
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			rows[i] += magic[i][j]
			cols[j] += magic[i][j]
		}
		d1 += magic[i][i]
		d2 += magic[i][2-i]
	}
	fmt.Println(rows, cols, d1, d2)
	// array of slices and slice of arrays
	var aos [3][]int
	for i := range aos {
		aos[i] = make([]int, i)
	}
	soa := make([][2]string, 2)
	soa[1][0] = "x"
	fmt.Println(aos, soa, len(aos[2]))
	// copying a sub-array out of a cube
	plane := c[2]
	plane[0][0] = -1
	fmt.Println(c[2][0][0], plane[0][0])
	// pointer to inner array
	pr := &c[1][1]
	pr[1] = 1000
	fmt.Println(c[1][1])
	println(sumCube(c))
}
