// run

package main

import "fmt"

const W, H = 10, 8

type Board [H][W]bool

func neighbours(b *Board, r, c int) int {
	n := 0
	for dr := -1; dr <= 1; dr++ {
		for dc := -1; dc <= 1; dc++ {
			if dr == 0 && dc == 0 {
				continue
			}
			rr, cc := (r+dr+H)%H, (c+dc+W)%W
			if b[rr][cc] {
				n++
			}
		}
	}
	return n
}

func next(b Board) Board {
	var nb Board
	for r := 0; r < H; r++ {
		for c := 0; c < W; c++ {
			n := neighbours(&b, r, c)
			nb[r][c] = n == 3 || (n == 2 && b[r][c])
		}
	}
	return nb
}

func render(b Board) string {
	s := ""
	for _, row := range b {
		for _, cell := range row {
			if cell {
				s += "#"
			} else {
				s += "."
			}
		}
		s += "\n"
	}
	return s
}

func population(b Board) (n int) {
	for _, row := range b {
		for _, cell := range row {
			if cell {
				n++
			}
		}
	}
	return
}

func main() {
	var b Board
	// glider
	b[0][1] = true
	b[1][2] = true
	b[2][0], b[2][1], b[2][2] = true, true, true
	// blinker
	b[5][6], b[5][7], b[5][8] = true, true, true
	start := b
	for gen := 0; gen < 4; gen++ {
		fmt.Printf("gen %d pop %d\n%s", gen, population(b), render(b))
		b = next(b)
	}
	for gen := 4; gen < 40; gen++ {
		b = next(b)
	}
	fmt.Print(render(b))
	fmt.Println(start == b, population(start), population(b))
	println(population(b))
}
