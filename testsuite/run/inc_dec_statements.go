// run

package main

import "fmt"

type P struct{ n int }

func main() {
	i := 0
	i++
	i++
	i--
	fmt.Println(i)
	arr := [3]int{}
	arr[1]++
	arr[1]++
	arr[2]--
	fmt.Println(arr)
	s := []int{5, 5}
	s[0]++
	fmt.Println(s)
	p := &P{}
	p.n++
	p.n++
	(*p).n--
	fmt.Println(*p)
	var b byte = 255
	b++
	fmt.Println(b)
	var u uint = 0
	u--
	fmt.Println(u)
	f := 1.5
	f++
	f--
	f--
	fmt.Println(f)
	ptr := &i
	*ptr++
	fmt.Println(i)
	grid := [2][2]int{}
	for r := 0; r < 2; r++ {
		for c := 0; c < 2; c++ {
			for k := 0; k <= r+c; k++ {
				grid[r][c]++
			}
		}
	}
	fmt.Println(grid)
	var r rune = 'a'
	r++
	fmt.Println(r, string(r))
	println(i, b)
}
