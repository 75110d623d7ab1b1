// run

package main

import "fmt"

func escape(cr, ci float64, limit int) int {
	zr, zi := 0.0, 0.0
	for i := 0; i < limit; i++ {
		zr2, zi2 := zr*zr, zi*zi
		if zr2+zi2 > 4 {
			return i
		}
		zi = 2*zr*zi + ci
		zr = zr2 - zi2 + cr
	}
	return limit
}

func main() {
	const w, h = 60, 24
	shades := " .:-=+*#%@"
	total := 0
	for y := 0; y < h; y++ {
		line := make([]byte, w)
		for x := 0; x < w; x++ {
			cr := -2.2 + 3.0*float64(x)/w
			ci := -1.2 + 2.4*float64(y)/h
			n := escape(cr, ci, 50)
			total += n
			line[x] = shades[n*(len(shades)-1)/50]
		}
		fmt.Println(string(line))
	}
	fmt.Println("total iterations:", total)
	// area estimate
	inside := 0
	const grid = 200
	for i := 0; i < grid; i++ {
		for j := 0; j < grid; j++ {
			cr := -2.0 + 2.5*(float64(i)+0.5)/grid
			ci := -1.25 + 2.5*(float64(j)+0.5)/grid
			if escape(cr, ci, 200) == 200 {
				inside++
			}
		}
	}
	area := float64(inside) / (grid * grid) * 2.5 * 2.5
	fmt.Printf("inside=%d area~%.4f\n", inside, area)
	println(total)
}
