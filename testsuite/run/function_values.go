// run

package main

import "fmt"

func add(a, b int) int { return a + b }
func sub(a, b int) int { return a - b }
func mul(a, b int) int { return a * b }

func apply(f func(int, int) int, xs []int) int {
	acc := xs[0]
	for _, x := range xs[1:] {
		acc = f(acc, x)
	}
	return acc
}

func mapInts(xs []int, f func(int) int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func filter(xs []int, keep func(int) bool) []int {
	var out []int
	for _, x := range xs {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

func divmod(a, b int) (int, int) { return a / b, a % b }

func pick(name string) func(int, int) int {
	switch name {
	case "add":
		return add
	case "sub":
		return sub
	case "mul":
		return mul
	}
	return nil
}

type binop func(int, int) int

type entry struct {
	name string
	fn   binop
}

func main() {
	xs := []int{1, 2, 3, 4, 5}
	fmt.Println(apply(add, xs), apply(sub, xs), apply(mul, xs))
	fmt.Println(mapInts(xs, func(x int) int { return x * x }))
	fmt.Println(filter(xs, func(x int) bool { return x%2 == 1 }))
	ops := []entry{{"add", add}, {"sub", sub}, {"mul", mul}, {"max", func(a, b int) int {
		if a > b {
			return a
		}
		return b
	}}}
	for _, e := range ops {
		fmt.Println(e.name, e.fn(7, 3))
	}
	var f func(int, int) int
	fmt.Println(f == nil)
	f = pick("mul")
	fmt.Println(f != nil, f(6, 7))
	fmt.Println(pick("nope") == nil)
	dm := divmod
	q, r := dm(17, 5)
	fmt.Println(q, r)
	table := [3]func(int) int{
		func(x int) int { return x + 1 },
		func(x int) int { return x * 2 },
		func(x int) int { return -x },
	}
	v := 5
	for _, t := range table {
		v = t(v)
	}
	fmt.Println(v)
	var printer func(...int)
	_ = printer
	fmt.Println(apply(func(a, b int) int { return a*10 + b }, []int{1, 2, 3, 4}))
	println(apply(add, xs))
}
