// run

package main

import "fmt"

func main() {
	var a int8 = 127
	a++
	fmt.Println("int8 127+1 =", a)
	a--
	fmt.Println("back =", a)
	var b int8 = -128
	b--
	fmt.Println("int8 -128-1 =", b)

	var c uint8 = 255
	c++
	fmt.Println("uint8 255+1 =", c)
	c--
	fmt.Println("uint8 0-1 =", c)

	var d int16 = 32767
	d += 10
	fmt.Println("int16 32767+10 =", d)

	var e int32 = 2147483647
	e *= 2
	fmt.Println("int32 max*2 =", e)

	var f int64 = 9223372036854775807
	f++
	fmt.Println("int64 max+1 =", f)

	var g uint32 = 0
	g -= 1
	fmt.Println("uint32 0-1 =", g)

	var h uint64 = 1 << 63
	h *= 2
	fmt.Println("uint64 2^63*2 =", h)

	var m int8 = 100
	m = m * 3
	fmt.Println("int8 100*3 =", m)

	var n int16 = -32768
	n = -n
	fmt.Println("int16 -(-32768) =", n)

	var k int32 = 1000000
	k = k * k
	fmt.Println("int32 1e6*1e6 =", k)

	var x int = 1
	for i := 0; i < 70; i++ {
		x *= 3
	}
	fmt.Println("3^70 wrapped =", x)

	var u uint16 = 40000
	u += 40000
	fmt.Println("uint16 40000+40000 =", u)

	// multiplication of signed types then widen
	var p int8 = -7
	var q int8 = 19
	r := p * q
	fmt.Println("int8 -7*19 =", r, int(p)*int(q))
	println("done", a, b, c, d)
}
