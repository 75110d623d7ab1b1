// run

package main

import "fmt"

type Mat [4][4]int
type FMat [3][3]float64

func mul(a, b Mat) Mat {
	var c Mat
	for i := 0; i < 4; i++ {
		for j := 0; j < 4; j++ {
			s := 0
			for k := 0; k < 4; k++ {
				s += a[i][k] * b[k][j]
			}
			c[i][j] = s
		}
	}
	return c
}

func identity() (m Mat) {
	for i := range m {
		m[i][i] = 1
	}
	return
}

func pow(m Mat, n int) Mat {
	r := identity()
	for n > 0 {
		if n&1 == 1 {
			r = mul(r, m)
		}
		m = mul(m, m)
		n >>= 1
	}
	return r
}

func transpose(m Mat) Mat {
	for i := 0; i < 4; i++ {
		for j := i + 1; j < 4; j++ {
			m[i][j], m[j][i] = m[j][i], m[i][j]
		}
	}
	return m
}

func fmul(a, b FMat) (c FMat) {
	for i := range a {
		for j := range b[0] {
			for k := range b {
				c[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return
}

func det3(m FMat) float64 {
	return m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
}

func printMat(m Mat) {
	for _, row := range m {
		for j, v := range row {
			if j > 0 {
				fmt.Print(" ")
			}
			fmt.Printf("%6d", v)
		}
		fmt.Println()
	}
}

func main() {
	a := Mat{{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}, {13, 14, 15, 16}}
	b := transpose(a)
	printMat(mul(a, b))
	fmt.Println(mul(a, identity()) == a, a == b)
	// Fibonacci via matrix power
	fib := Mat{{1, 1}, {1, 0}}
	fmt.Println(pow(fib, 10)[0][1], pow(fib, 50)[0][1], pow(fib, 90)[0][1])
	f := FMat{{2, 0, 1}, {1, 3, 2}, {1, 1, 2}}
	g := FMat{{1, 2, 3}, {0, 1, 4}, {5, 6, 0}}
	h := fmul(f, g)
	fmt.Println(h)
	fmt.Println(det3(f), det3(g), det3(h))
	// slices of slices matrix
	n := 5
	grid := make([][]int, n)
	for i := range grid {
		grid[i] = make([]int, n)
		for j := range grid[i] {
			grid[i][j] = (i + 1) * (j + 1)
		}
	}
	trace := 0
	for i := 0; i < n; i++ {
		trace += grid[i][i]
	}
	fmt.Println(grid, trace)
	println(det3(f))
}
