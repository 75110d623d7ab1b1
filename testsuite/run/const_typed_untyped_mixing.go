// run

package main

import "fmt"

type Duration int64
type Ratio float64

const (
	Nanosecond  Duration = 1
	Microsecond          = 1000 * Nanosecond
	Millisecond          = 1000 * Microsecond
	Second               = 1000 * Millisecond
	Minute               = 60 * Second
)

const Pi = 3.14159265358979323846264338327950288419716939937510582097494459
const TwoPi = 2 * Pi
const Half Ratio = 0.5
const MaxU8 = 1<<8 - 1
const Big = 1 << 200
const Small = Big >> 195
const Str = "const" + "ant"
const L = len(Str)
const Flag = L > 5 && Str != ""
const R = 'a' * 2
const F = 1 / 2
const G = 1 / 2.0
const H = 10 % 3

func main() {
	fmt.Println(Nanosecond, Microsecond, Millisecond, Second, Minute)
	d := 90 * Second
	fmt.Println(d, d/Minute, d%Minute/Second)
	fmt.Println(Pi, TwoPi, float64(Pi*1e6))
	fmt.Println(Half, Half*3, Ratio(1)/3)
	var b byte = MaxU8
	fmt.Println(b, Small, Str, L, Flag, R, F, G, H)
	// untyped constant adapts to the type of the other operand
	var i8 int8 = 10
	var f64 float64 = 10
	fmt.Println(i8*12, f64*1.5, f64/4, i8/4)
	// untyped float constant that is integral can be assigned to an int
	var n int = 1e9
	var m int64 = 2.0 * 3
	fmt.Println(n, m)
	// typed constant arithmetic is exact within the type
	const t8 int8 = 100
	fmt.Println(t8/3, t8%7, -t8)
	// constant comparison results are untyped bools
	const cmp = 3 > 2
	var bb bool = cmp
	type MyBool bool
	var mb MyBool = cmp
	fmt.Println(bb, mb)
	// large constant division producing small result
	fmt.Println(Big/(Big/8), (Big-1)%10, Big/1e59 > 1)
	// rune and string constants
	const nl = '\n'
	fmt.Println(nl, string(rune(R-100)))
	fmt.Println(len("héllo"), len([3]int{}), cap([5]string{}))
	// constant expressions with shifts and unary ops
	const mask = ^uint8(0)
	const neg = -(-128)
	const xorc = 0xF0 ^ 0xFF
	fmt.Println(mask, neg, xorc, ^0, ^-1)
	println(Minute, Pi)
}
