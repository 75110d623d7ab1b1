// run

package main

import "fmt"

type Stage func([]int) []int

func mapStage(f func(int) int) Stage {
	return func(xs []int) []int {
		out := make([]int, len(xs))
		for i, x := range xs {
			out[i] = f(x)
		}
		return out
	}
}

func filterStage(p func(int) bool) Stage {
	return func(xs []int) []int {
		out := xs[:0:0]
		for _, x := range xs {
			if p(x) {
				out = append(out, x)
			}
		}
		return out
	}
}

func takeStage(n int) Stage {
	return func(xs []int) []int {
		if n > len(xs) {
			n = len(xs)
		}
		return xs[:n]
	}
}

func pipeline(stages ...Stage) Stage {
	return func(xs []int) []int {
		for _, s := range stages {
			xs = s(xs)
		}
		return xs
	}
}

func reduce(xs []int, init int, f func(int, int) int) int {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}

func rangeInts(lo, hi int) []int {
	var r []int
	for i := lo; i < hi; i++ {
		r = append(r, i)
	}
	return r
}

func sumAll(nums ...int) int {
	t := 0
	for _, n := range nums {
		t += n
	}
	return t
}

func main() {
	p := pipeline(
		filterStage(func(x int) bool { return x%3 == 0 }),
		mapStage(func(x int) int { return x * x }),
		takeStage(5),
	)
	in := rangeInts(1, 40)
	out := p(in)
	fmt.Println(out, len(in))
	fmt.Println(reduce(out, 0, func(a, b int) int { return a + b }))
	fmt.Println(reduce(rangeInts(1, 11), 1, func(a, b int) int { return a * b }))
	fmt.Println(sumAll(), sumAll(1), sumAll(1, 2, 3), sumAll(out...))
	empty := pipeline()
	fmt.Println(empty([]int{9, 8}))
	counter := 0
	counted := mapStage(func(x int) int { counter++; return x })
	counted(in)
	counted(in[:10])
	fmt.Println(counter)
	println(len(out))
}
