// run

package main

import "fmt"

type Move struct {
	Disk     int
	From, To byte
}

var moves []Move

func hanoi(n int, from, to, via byte) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to)
	moves = append(moves, Move{n, from, to})
	hanoi(n-1, via, to, from)
}

// simulate with three stacks held in an array of slices
func simulate(n int, ms []Move) [3][]int {
	var pegs [3][]int
	for d := n; d >= 1; d-- {
		pegs[0] = append(pegs[0], d)
	}
	for _, m := range ms {
		f, t := m.From-'A', m.To-'A'
		top := pegs[f][len(pegs[f])-1]
		if top != m.Disk {
			panic("wrong disk")
		}
		if len(pegs[t]) > 0 && pegs[t][len(pegs[t])-1] < top {
			panic("illegal move")
		}
		pegs[f] = pegs[f][:len(pegs[f])-1]
		pegs[t] = append(pegs[t], top)
	}
	return pegs
}

func main() {
	hanoi(3, 'A', 'C', 'B')
	for i, m := range moves {
		fmt.Printf("%d: disk %d %c -> %c\n", i+1, m.Disk, m.From, m.To)
	}
	fmt.Println(simulate(3, moves))
	moves = moves[:0]
	hanoi(16, 'A', 'C', 'B')
	fmt.Println(len(moves), cap(moves) >= len(moves), moves[len(moves)/2])
	p := simulate(16, moves)
	fmt.Println(len(p[0]), len(p[1]), len(p[2]), p[2][0], p[2][15])
	println(len(moves))
}
