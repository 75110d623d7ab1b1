// run

package main

import "fmt"

const V = 7
const Inf = 1 << 60

type Graph [V][V]int

func dijkstra(g *Graph, src int) (dist [V]int, prev [V]int) {
	var done [V]bool
	for i := range dist {
		dist[i] = Inf
		prev[i] = -1
	}
	dist[src] = 0
	for iter := 0; iter < V; iter++ {
		u := -1
		for i := 0; i < V; i++ {
			if !done[i] && (u < 0 || dist[i] < dist[u]) {
				u = i
			}
		}
		if dist[u] == Inf {
			break
		}
		done[u] = true
		for v := 0; v < V; v++ {
			if w := g[u][v]; w > 0 && dist[u]+w < dist[v] {
				dist[v] = dist[u] + w
				prev[v] = u
			}
		}
	}
	return
}

func path(prev [V]int, to int) []int {
	var p []int
	for v := to; v != -1; v = prev[v] {
		p = append([]int{v}, p...)
	}
	return p
}

func floyd(g Graph) Graph {
	var d Graph
	for i := 0; i < V; i++ {
		for j := 0; j < V; j++ {
			switch {
			case i == j:
				d[i][j] = 0
			case g[i][j] > 0:
				d[i][j] = g[i][j]
			default:
				d[i][j] = Inf
			}
		}
	}
	for k := 0; k < V; k++ {
		for i := 0; i < V; i++ {
			for j := 0; j < V; j++ {
				if d[i][k]+d[k][j] < d[i][j] {
					d[i][j] = d[i][k] + d[k][j]
				}
			}
		}
	}
	return d
}

func main() {
	var g Graph
	edges := []struct{ a, b, w int }{
		{0, 1, 7}, {0, 2, 9}, {0, 5, 14}, {1, 2, 10}, {1, 3, 15},
		{2, 3, 11}, {2, 5, 2}, {3, 4, 6}, {4, 5, 9},
	}
	for _, e := range edges {
		g[e.a][e.b] = e.w
		g[e.b][e.a] = e.w
	}
	dist, prev := dijkstra(&g, 0)
	for v := 0; v < V; v++ {
		if dist[v] == Inf {
			fmt.Println(v, "unreachable")
			continue
		}
		fmt.Println(v, dist[v], path(prev, v))
	}
	d := floyd(g)
	for i := 0; i < V-1; i++ {
		fmt.Println(d[i][:V-1])
	}
	fmt.Println(d[6][0] == Inf, g == g, d[0][4] == dist[4])
	println(dist[4])
}
