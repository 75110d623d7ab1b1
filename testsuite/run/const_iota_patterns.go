// run

package main

import "fmt"

const (
	A = iota
	B
	C
	_
	E
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
	TB
)

const (
	x0, y0 = iota, iota * 10
	x1, y1
	x2, y2
)

const (
	first  = "first"
	second = iota
	third
	fourth = 100
	fifth
	sixth = iota * iota
	seventh
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
)

const (
	bit0 uint8 = 1 << iota
	bit1
	bit2
	_
	_
	bit5
	mask = bit0 | bit1 | bit5
)

const single = iota
const (
	neg = -iota - 1
	neg2
	neg3
)

func main() {
	fmt.Println(A, B, C, E)
	fmt.Println(KB, MB, GB, TB)
	fmt.Println(x0, y0, x1, y1, x2, y2)
	fmt.Println(first, second, third, fourth, fifth, sixth, seventh)
	fmt.Println(Sunday, Monday, Tuesday, Wednesday, Wednesday-Monday)
	fmt.Println(bit0, bit1, bit2, bit5, mask)
	fmt.Println(single, neg, neg2, neg3)
	const (
		local = iota + 'a'
		local2
	)
	fmt.Println(local, local2, string(rune(local2)))
	var d Weekday = Tuesday
	d++
	fmt.Println(d == Wednesday)
	println(A, E, KB)
}
