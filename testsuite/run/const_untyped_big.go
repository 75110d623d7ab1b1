// run

package main

import "fmt"

const huge = 1 << 100
const back = huge >> 98
const ratio = huge / (1 << 97)
const f = 1.5
const third = 1.0 / 3
const big = 1e300 * 1e300 / 1e300 // exact intermediate beyond float64
const mixed = 7 / 2
const mixedF = 7 / 2.0
const typed int32 = 1 << 20
const char = 'a' + 1
const shifted = 1 << 62 * 2 >> 60

type Celsius float64

const boiling Celsius = 100

func main() {
	fmt.Println(back, ratio, huge>>90)
	fmt.Println(f, third, big)
	fmt.Println(mixed, mixedF)
	fmt.Println(typed, typed/3, typed<<2)
	fmt.Println(char, string(rune(char)))
	fmt.Println(shifted)
	var x int8 = 1 << 6
	var y uint8 = 1<<8 - 1
	fmt.Println(x, y)
	var z float64 = 1 << 62
	fmt.Println(z)
	var w = 5 / 2 * 2.0 // untyped int division first: 2*2.0 = 4
	fmt.Println(w)
	var v = 5 / 2.0 * 2 // 5.0
	fmt.Println(v)
	i := 10
	fl := 2.5
	fmt.Println(i*3, fl*3, fl/2, i/4)
	fmt.Println(boiling, boiling*2-32)
	const e = 2.718281828459045235360287
	fmt.Println(e * 1e10)
	const tooBigForInt = 1e25
	fmt.Println(tooBigForInt / 1e20)
	fmt.Println(int64(tooBigForInt/1e10), uint64(1<<64-1))
	const hexc = 0xFF_FF
	const octc = 0o777
	const binc = 0b1010_1010
	const old = 0755
	fmt.Println(hexc, octc, binc, old, 1_000_000)
	fmt.Println('\n', '\x41', '\u00e9', '\U0001F600', "\u00e9")
	const neg = -huge
	fmt.Println(neg>>99, -(neg / huge))
	println(back, char, mixedF)
}
