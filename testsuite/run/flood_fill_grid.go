// run

package main

import "fmt"

var grid = []string{
	"##########",
	"#....#...#",
	"#.##.#.#.#",
	"#.#..#.#.#",
	"#.####.#.#",
	"#......#.#",
	"########.#",
	"#........#",
	"##########",
}

type P struct{ R, C int }

func fill(g [][]byte, r, c int, mark byte) int {
	if r < 0 || r >= len(g) || c < 0 || c >= len(g[r]) || g[r][c] != '.' {
		return 0
	}
	g[r][c] = mark
	return 1 + fill(g, r+1, c, mark) + fill(g, r-1, c, mark) + fill(g, r, c+1, mark) + fill(g, r, c-1, mark)
}

func bfs(g []string, start, goal P) int {
	dist := make([][]int, len(g))
	for i := range dist {
		dist[i] = make([]int, len(g[i]))
		for j := range dist[i] {
			dist[i][j] = -1
		}
	}
	queue := []P{start}
	dist[start.R][start.C] = 0
	dirs := [4]P{{0, 1}, {1, 0}, {0, -1}, {-1, 0}}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == goal {
			return dist[p.R][p.C]
		}
		for _, d := range dirs {
			n := P{p.R + d.R, p.C + d.C}
			if g[n.R][n.C] == '#' || dist[n.R][n.C] >= 0 {
				continue
			}
			dist[n.R][n.C] = dist[p.R][p.C] + 1
			queue = append(queue, n)
		}
	}
	return -1
}

func main() {
	g := make([][]byte, len(grid))
	for i, row := range grid {
		g[i] = []byte(row)
	}
	regions := 0
	var sizes []int
	for r := range g {
		for c := range g[r] {
			if g[r][c] == '.' {
				sizes = append(sizes, fill(g, r, c, byte('a'+regions)))
				regions++
			}
		}
	}
	for _, row := range g {
		fmt.Println(string(row))
	}
	fmt.Println(regions, sizes)
	fmt.Println(bfs(grid, P{1, 1}, P{7, 1}), bfs(grid, P{1, 1}, P{3, 3}), bfs(grid, P{1, 1}, P{1, 6}))
	println(regions)
}
